import Foundation
import PatchbayCore
import PatchbayPresentation

/// One line of the trace: a finished step, or a node that is running now.
public struct TraceRow: Sendable, Hashable {
    /// The step's number in the run (`Step.id`, from 0); nil while the node runs.
    public var number: Int?
    public var path: StepPath
    /// The path as drawn (a tool loop's steps as `agent/turn 2/call get_current_time`), control
    /// characters escaped; made once, not every frame.
    public var pathText: String
    public var status: NodeStatus
    public var statusWord: String
    public var duration: TimeInterval?
    /// When a running node started; its duration is counted up to the frame's `now`.
    public var since: Date?
    public var usage: TokenUsage?

    public init(_ step: Step) {
        number = step.id
        path = step.path
        pathText = VisibleText.escaped(ToolLoopPath.label(step.path))
        status = NodeStatus(step.status)
        statusWord = InspectorContent.statusWord(step.status)
        // A tool call the model was told failed (no such tool, bad arguments, the tool's error).
        if step.status == .succeeded, step.outputs["is_error"] == .bool(true), case .call? = ToolLoopPath(step.path) {
            status = .failed
            statusWord = "error"
        }
        // A skipped step took no time worth showing.
        duration = step.status == .skipped ? nil : step.duration
        since = nil
        usage = step.usage
    }

    /// `paused`: the run waits inside it (before one of its tool calls).
    public init(running path: StepPath, since: Date, paused: Bool = false) {
        number = nil
        self.path = path
        pathText = VisibleText.escaped(ToolLoopPath.label(path))
        status = paused ? .paused : .running
        statusWord = paused ? "paused" : "running"
        duration = nil
        self.since = since
        usage = nil
    }

    /// Nesting below the top-level graph: 0 for its own nodes.
    public var depth: Int { max(0, path.components.count - 1) }

    /// How long it took, or has taken so far.
    public func elapsed(now: Date) -> TimeInterval? {
        if let duration { return duration }
        return since.map { max(0, now.timeIntervalSince($0)) }
    }
}
