import PatchbayCore

/// How an eval runs: samples per case, samples in flight, which shard, the judge's alias.
public struct EvalOptions: Sendable {
    /// Samples per case and variant; each has its own sample index, so its own cache keys.
    public var repeats: Int
    /// Most samples running at once.
    public var concurrency: Int
    public var shard: Shard?
    /// The judge alias when an expectation names none (over the cases file's `judge:`).
    public var judgeAlias: String?
    /// Draw new samples instead of reusing cached ones. Off by default: samples are cached by
    /// node, inputs, model and sample index, so an eval after editing one node pays only for
    /// what the edit changed. On, every step's cache key is salted with the eval id.
    public var fresh: Bool

    public init(
        repeats: Int = 1, concurrency: Int = 4, shard: Shard? = nil, judgeAlias: String? = nil, fresh: Bool = false
    ) {
        self.repeats = repeats
        self.concurrency = concurrency
        self.shard = shard
        self.judgeAlias = judgeAlias
        self.fresh = fresh
    }
}

/// A graph to evaluate, by name (`A`, or the file name): two or more are compared.
public struct EvalVariant: Sendable {
    public var name: String
    public var plan: ExecutionPlan
    /// The graph's content hash: shards and merges check they ran the same graph.
    public var graphHash: String

    public init(name: String, plan: ExecutionPlan, graphHash: String) {
        self.name = name
        self.plan = plan
        self.graphHash = graphHash
    }
}

/// Where an eval is, for a progress line.
public struct EvalProgress: Sendable {
    public var done: Int
    public var total: Int
    public var passed: Int
    public var failed: Int
    /// The sample that just finished.
    public var last: SampleResult?

    public init(done: Int, total: Int, passed: Int, failed: Int, last: SampleResult?) {
        self.done = done
        self.total = total
        self.passed = passed
        self.failed = failed
        self.last = last
    }
}
