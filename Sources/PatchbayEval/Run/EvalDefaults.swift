/// What an eval does unless the person asks otherwise, in one place for both front ends: the
/// executable builds it from the config and hands the same value to `patchbay eval` and to the
/// workbench, so an eval started from either runs the same way.
public struct EvalDefaults: Sendable, Hashable {
    /// Samples per case and variant.
    public var repeats: Int
    /// Most samples running at once. Provider limits (requests in flight, per minute) still
    /// apply beneath it, in the model hub the environment carries.
    public var concurrency: Int

    public init(repeats: Int = 1, concurrency: Int = 4) {
        self.repeats = repeats
        self.concurrency = concurrency
    }

    /// The built-in values, for a front end given no config.
    public static let standard = EvalDefaults()

    /// `request` over these defaults: what the person gave wins, the rest comes from here.
    public func options(_ request: EvalRequest) -> EvalOptions {
        EvalOptions(
            repeats: request.repeats ?? repeats, concurrency: request.concurrency ?? concurrency,
            shard: request.shard, judgeAlias: request.judgeAlias, fresh: request.fresh)
    }
}

/// What one eval asks for beyond its graphs and cases; nil takes ``EvalDefaults``.
public struct EvalRequest: Sendable, Hashable {
    public var repeats: Int?
    public var concurrency: Int?
    public var shard: Shard?
    /// The judge alias for judge checks that name none (over the cases file's `judge:`).
    public var judgeAlias: String?
    /// Draw new samples instead of reusing cached ones.
    public var fresh: Bool

    public init(
        repeats: Int? = nil, concurrency: Int? = nil, shard: Shard? = nil, judgeAlias: String? = nil,
        fresh: Bool = false
    ) {
        self.repeats = repeats
        self.concurrency = concurrency
        self.shard = shard
        self.judgeAlias = judgeAlias
        self.fresh = fresh
    }
}
