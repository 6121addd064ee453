import Foundation
import PatchbayCore

/// How a stored run stands. `interrupted`: its process died before the run finished (a crash,
/// `kill -9`, a power cut); the steps it finished are kept.
public enum StoredRunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case running, succeeded, failed, cancelled, interrupted
}

/// One line of history: a run without its steps.
public struct RunSummary: Sendable, Hashable, Codable {
    /// The engine's run id (a lower-case UUID).
    public var id: String
    /// Order of the run in this store, from 1: `#SEQ` names it.
    public var seq: Int
    /// The graph file, absolute, when the graph came from one.
    public var graphPath: String?
    /// SHA-256 (hex) of the canonical text of the graph as it ran.
    public var graphHash: String
    public var title: String?
    public var status: StoredRunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    public var origin: RunOrigin
    /// The sample index (eval repeats); 0 for plain runs.
    public var sample: Int
    public var stepCount: Int
    /// Steps that executed (not cached, replayed or skipped).
    public var executed: Int
    public var cached: Int
    public var usage: TokenUsage
    public var cost: Double
    public var errorMessage: String?

    public init(
        id: String, seq: Int, graphPath: String?, graphHash: String, title: String?, status: StoredRunStatus,
        startedAt: Date, finishedAt: Date?, origin: RunOrigin, sample: Int, stepCount: Int, executed: Int,
        cached: Int, usage: TokenUsage, cost: Double, errorMessage: String?
    ) {
        self.id = id
        self.seq = seq
        self.graphPath = graphPath
        self.graphHash = graphHash
        self.title = title
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.origin = origin
        self.sample = sample
        self.stepCount = stepCount
        self.executed = executed
        self.cached = cached
        self.usage = usage
        self.cost = cost
        self.errorMessage = errorMessage
    }

    /// Wall time from start to finish (for an interrupted run, to the end of its last step).
    public var duration: TimeInterval? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}
