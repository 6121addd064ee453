import Foundation
import PatchbayCore

/// Runs every (variant, case, sample) of an eval, at most `concurrency` at once, and reports.
/// Cancel the calling task to stop: samples in flight are cancelled, finished ones are kept.
/// Call ``checkJudges(configured:)`` first: an unknown judge alias is a mistake to refuse before
/// anything runs, not a reason for every judged sample to fail.
public struct EvalRunner: Sendable {
    public let evalID: String
    public let suite: EvalSuite
    public let variants: [EvalVariant]
    public let options: EvalOptions
    /// Used as given: a journal in it stores every sample's run.
    public let environment: EngineEnvironment
    /// Told each finished run with its verdict, as it finishes.
    public var observe: (@Sendable (SampleResult, RunResult) -> Void)?

    public init(
        evalID: String, suite: EvalSuite, variants: [EvalVariant], options: EvalOptions, environment: EngineEnvironment
    ) {
        self.evalID = evalID
        self.suite = suite
        self.variants = variants
        self.options = options
        self.environment = environment
    }

    /// The cases this runner's shard covers, in file order.
    public var cases: [EvalCase] {
        guard let shard = options.shard else { return suite.cases }
        return suite.cases.enumerated().filter { shard.contains(caseIndex: $0.offset) }.map(\.element)
    }

    public func run(progress: @Sendable (EvalProgress) -> Void = { _ in }) async -> EvalReport {
        let startedAt = Date()
        let cases = self.cases
        let repeats = max(1, options.repeats)
        let judgeAlias = defaultJudge
        var jobs: [SampleRun] = []
        for variant in variants {
            for evalCase in cases {
                for sample in 0..<repeats {
                    jobs.append(
                        SampleRun(
                            evalID: evalID, variant: variant, evalCase: evalCase, sample: sample, checks: suite.checks,
                            judgeAlias: judgeAlias, cacheSalt: options.fresh ? evalID : nil, environment: environment,
                            observe: observe))
                }
            }
        }
        var results = [SampleResult?](repeating: nil, count: jobs.count)
        let limit = max(1, options.concurrency)
        var done = 0
        var passed = 0
        await withTaskGroup(of: (Int, SampleResult?).self) { group in
            var next = 0
            func add() {
                guard next < jobs.count, !Task.isCancelled else { return }
                let index = next
                let job = jobs[index]
                group.addTask { (index, await job.run()) }
                next += 1
            }
            for _ in 0..<min(limit, jobs.count) { add() }
            while let (index, result) = await group.next() {
                results[index] = result
                if let result {
                    done += 1
                    if result.passed { passed += 1 }
                    progress(
                        EvalProgress(done: done, total: jobs.count, passed: passed, failed: done - passed, last: result)
                    )
                }
                add()
            }
        }
        let samples = results.compactMap { $0 }
        return EvalReport(
            evalID: evalID, startedAt: startedAt, finishedAt: Date(), suiteHash: suite.hash,
            variants: variants.map { EvalReport.Variant(name: $0.name, graphHash: $0.graphHash) }, repeats: repeats,
            shard: options.shard, caseIDs: cases.map(\.id), samples: samples, complete: samples.count == jobs.count)
    }
}
