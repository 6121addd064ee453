import Foundation
import PatchbayCore

/// One eval as both front ends run it: `patchbay eval` and the workbench's `:eval` each build an
/// `EvalSession` from their graphs, the cases and what the person asked for, over the same
/// ``EvalDefaults`` (which the executable reads from the config), and drive it. The session names
/// the variants, fills in the options, checks the judges and runs through ``EvalRunner``; the
/// front end passes in what PatchbayEval may not know: the environment (model hub with its rate
/// limits and timeouts, journal, cache) and a `save` callback that stores the report.
///
/// A later `ImproveSession` reuses these pieces rather than copying them: ``EvalDefaults`` and
/// ``EvalRequest`` for its options, ``Graph`` and ``variantNames(_:)`` for naming candidates,
/// ``loadSuite(path:for:)`` so every candidate fits the cases, ``checkJudges(configured:)``
/// before anything runs, and ``run(progress:save:)`` to score each candidate; it adds only the
/// loop that proposes the next graph.
public struct EvalSession: Sendable {
    /// A graph to evaluate: its file (nil while unsaved), its plan and its content hash.
    public struct Graph: Sendable {
        public var path: String?
        public var plan: ExecutionPlan
        public var graphHash: String

        public init(path: String?, plan: ExecutionPlan, graphHash: String) {
            self.path = path
            self.plan = plan
            self.graphHash = graphHash
        }
    }

    public let id: String
    public let suite: EvalSuite
    /// The graphs by name, the first the one measured, the rest compared with it.
    public let variants: [EvalVariant]
    public let options: EvalOptions
    /// Used as given: a journal in it stores every sample's run. A front end may check the
    /// judges against a bare environment first and set the full one (store opened) after.
    public var environment: EngineEnvironment

    /// `request` over `defaults`: what the person gave wins, the rest comes from the config.
    public init(
        id: String = UUID().uuidString.lowercased(), suite: EvalSuite, graphs: [Graph],
        request: EvalRequest = EvalRequest(), defaults: EvalDefaults, environment: EngineEnvironment
    ) {
        self.id = id
        self.suite = suite
        let names = Self.variantNames(graphs.map(\.path))
        variants = zip(names, graphs).map { EvalVariant(name: $0, plan: $1.plan, graphHash: $1.graphHash) }
        options = defaults.options(request)
        self.environment = environment
    }

    /// The runner this session drives.
    public var runner: EvalRunner {
        EvalRunner(evalID: id, suite: suite, variants: variants, options: options, environment: environment)
    }

    /// The cases the session's shard covers, in file order.
    public var cases: [EvalCase] { runner.cases }

    /// Samples per case and variant, at least one.
    public var repeats: Int { max(1, options.repeats) }

    /// The judge aliases the session will ask (see ``EvalRunner/judgeAliases``).
    public var judgeAliases: [(alias: String, namedBy: String)] { runner.judgeAliases }

    /// Refuses an unknown judge alias before anything runs (see ``EvalRunner/checkJudges(configured:)``).
    public func checkJudges(configured: [String]) throws(EvalSuiteError) {
        try runner.checkJudges(configured: configured)
    }

    /// Runs every sample, calling `progress` after each one (in order, on the running task), then
    /// `save` with the report; returns the report and what `save` returned.
    ///
    /// Callbacks rather than an `AsyncStream`: cancelling the calling task stops the samples in
    /// flight, and the report of those that finished (`complete` false) must still be saved and
    /// returned, which a stream torn down by the same cancellation would lose.
    public func run<Saved: Sendable>(
        progress: @Sendable (EvalProgress) -> Void = { _ in },
        save: @Sendable (EvalReport) async -> Saved
    ) async -> (report: EvalReport, saved: Saved) {
        let report = await runner.run(progress: progress)
        return (report, await save(report))
    }

    /// Variant names from the file names (`summarize` for `dir/summarize.graph.yaml`; `graph`
    /// for an unsaved graph), made unique with `#2`, `#3`.
    public static func variantNames(_ paths: [String?]) -> [String] {
        var seen: [String: Int] = [:]
        return paths.map { path in
            var name = path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "graph"
            for suffix in [".graph.yaml", ".graph.yml", ".graph.json", ".yaml", ".yml", ".json"]
            where name.hasSuffix(suffix) {
                name = String(name.dropLast(suffix.count))
                break
            }
            seen[name, default: 0] += 1
            return seen[name]! == 1 ? name : "\(name)#\(seen[name]!)"
        }
    }
}
