import Foundation

/// Where runs are written down as they happen; the project's run store plugs in here.
///
/// The engine calls these from its hot path, in step order, under the trace's lock: an
/// implementation queues the records and returns (a writer elsewhere commits them). Finished
/// steps come in batches, at the same moments as the event stream's (before the scheduler
/// waits for a node, every 2 ms or 256 steps), so a step reaches the journal before anything
/// slow happens after it. `runStarted` is called before the run's first step and may commit
/// before it returns; `stepsFinished` may block while its writer is far behind, which holds
/// the run back instead of letting it get arbitrarily far ahead of what is saved.
public protocol RunJournal: Sendable {
    func runStarted(_ run: JournalRun)
    func stepsFinished(_ steps: [Step], runID: String)
    func runFinished(_ result: RunResult)
}

/// A run as it starts: what ran, on what, and where it came from.
public struct JournalRun: Sendable {
    public var runID: String
    public var graph: Graph
    /// The graph file, when the graph came from one.
    public var graphPath: String?
    public var inputs: [String: JSONValue]
    public var startedAt: Date
    public var sampleIndex: Int
    public var origin: RunOrigin
    /// The sub-graph files it runs, by path (`ExecutionPlan.subgraphs`).
    public var subgraphs: [String: Graph] = [:]
}

/// Why a run exists: a plain run, a re-run or fork of an earlier one, a replay, or one sample of
/// an eval. Stored with the run so history can show lineage and evals can find their runs.
public struct RunOrigin: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case run, rerun, fork, replay, eval
    }

    public var kind: Kind
    /// The run this one was made from (re-run, fork, replay).
    public var parentRunID: String?
    /// The step a fork starts from.
    public var parentStep: String?
    /// The eval this run is a sample of, and which case.
    public var evalID: String?
    public var caseID: String?

    public init(
        kind: Kind = .run, parentRunID: String? = nil, parentStep: String? = nil, evalID: String? = nil,
        caseID: String? = nil
    ) {
        self.kind = kind
        self.parentRunID = parentRunID
        self.parentStep = parentStep
        self.evalID = evalID
        self.caseID = caseID
    }
}
