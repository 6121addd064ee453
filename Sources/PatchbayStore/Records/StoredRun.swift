import Foundation
import PatchbayCore

/// A run read back in full: what ran (the graph's canonical text), on what, and every step.
public struct StoredRun: Sendable, Hashable {
    public var summary: RunSummary
    public var inputs: [String: JSONValue]
    /// Values of the graph's `output` nodes; empty while running or when interrupted.
    public var outputs: [String: JSONValue]
    public var error: StepError?
    /// The graph as it ran, in canonical YAML (`GraphCodec.encode`); the file may have changed since.
    public var graphText: String
    /// In run order.
    public var steps: [Step]
    /// The sub-graph files it ran, as they were then: canonical text by path relative to the
    /// project (`RunStore.projectRoot`; absolute for a file outside it). Empty for runs stored
    /// before v5 and runs without sub-graphs.
    public var subgraphs: [String: String]

    public init(
        summary: RunSummary, inputs: [String: JSONValue], outputs: [String: JSONValue], error: StepError?,
        graphText: String, steps: [Step], subgraphs: [String: String] = [:]
    ) {
        self.summary = summary
        self.inputs = inputs
        self.outputs = outputs
        self.error = error
        self.graphText = graphText
        self.steps = steps
        self.subgraphs = subgraphs
    }

    public var id: String { summary.id }

    /// The run as the engine would have returned it, for `DebugSession.fork`/`replay` and
    /// `RunOptions.recorded`. A run that never finished counts as cancelled.
    public var result: RunResult {
        let status: RunResult.Status =
            switch summary.status {
            case .succeeded: .succeeded
            case .failed: .failed
            case .cancelled, .running, .interrupted: .cancelled
            }
        return RunResult(runID: summary.id, status: status, outputs: outputs, steps: steps, error: error)
    }

    /// The last step at `path` (a `StepPath` description such as `review/refine[2]/critique`).
    public func step(_ path: String) -> Step? { steps.last { $0.path.description == path } }
}
