import Foundation
import PatchbayCore

/// `patchbay improve`: proposes rearrangements of a graph's `llm` nodes (few-shot examples from
/// passing train runs, sampling with a vote, temperature, other models, prompts the person
/// gives, an output schema), measures each on dev, keeps a move only when the lower bound of
/// its improvement's interval is above zero, combines the helpful ones greedily, and measures
/// the winner once on test, which no choice looked at.
///
/// Every measurement is an eval (``EvalRunner``) with the caller's environment, so runs are
/// stored, cached and rate-limited as `patchbay eval`'s are.
public struct ImproveSession: Sendable {
    public let id: String
    public let graph: Graph
    public let path: String?
    public let suite: EvalSuite
    public let split: CaseSplit
    public let options: ImproveOptions
    public var environment: EngineEnvironment
    /// Builds a candidate's plan (the front end knows how sub-graphs are found and trusted).
    let plan: @Sendable (Graph) throws -> ExecutionPlan

    /// With `split` nil, the suite's cases are split by `options.shares` and `options.seed`.
    public init(
        id: String = UUID().uuidString.lowercased(), graph: Graph, path: String?, suite: EvalSuite,
        split: CaseSplit? = nil, options: ImproveOptions, environment: EngineEnvironment,
        plan: @escaping @Sendable (Graph) throws -> ExecutionPlan
    ) {
        self.id = id
        self.graph = graph
        self.path = path
        self.suite = suite
        let shares = options.shares + [0, 0, 0]
        self.split =
            split ?? CaseSplit.split(suite.cases, shares: (shares[0], shares[1], shares[2]), seed: options.seed)
        self.options = options
        self.environment = environment
        self.plan = plan
    }

    /// Runs the search; `progress` hears each candidate as it is measured. Cancel the calling
    /// task to stop: what was measured is kept, and the best so far is the winner.
    public func run(progress: @Sendable (ImproveProgress) -> Void = { _ in }) async -> ImproveReport {
        let search = Search(session: self, meter: ModelMeter(environment.models), started: Date())
        return await search.run(progress: progress)
    }
}

/// Where a search is, for a progress line or pane.
public struct ImproveProgress: Sendable {
    public enum Phase: String, Sendable { case train, baseline, single, combined, test }
    public var phase: Phase
    /// The candidate just measured (single and combined phases), and its graph.
    public var candidate: ImproveReport.Candidate?
    public var graph: Graph?
    /// The best dev rate so far and the moves that reached it.
    public var best: ImproveReport.Rate
    public var accepted: [String]
    public var calls: Int
}
