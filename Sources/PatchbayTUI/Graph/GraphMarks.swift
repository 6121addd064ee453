import PatchbayPresentation

/// What the graph pane shows on top of the layout: each node's run status, breakpoints, and
/// nodes with validation problems, nodes whose output changed since the previous run.
public struct GraphMarks: Sendable, Hashable {
    public var statuses: [String: NodeStatus]
    public var breakpoints: Set<String>
    public var problems: Set<String>
    /// Nodes whose output changed since the previous run (`RunState.outputChanges`).
    public var changed: Set<String> = []

    public init(statuses: [String: NodeStatus] = [:], breakpoints: Set<String> = [], problems: Set<String> = []) {
        self.statuses = statuses
        self.breakpoints = breakpoints
        self.problems = problems
    }

    public static let none = GraphMarks()
}
