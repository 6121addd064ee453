import PatchbayPresentation

/// What the graph pane shows on top of the layout: each node's run status, breakpoints, and
/// nodes with validation problems.
public struct GraphMarks: Sendable, Hashable {
    public var statuses: [String: NodeStatus]
    public var breakpoints: Set<String>
    public var problems: Set<String>

    public init(statuses: [String: NodeStatus] = [:], breakpoints: Set<String> = [], problems: Set<String> = []) {
        self.statuses = statuses
        self.breakpoints = breakpoints
        self.problems = problems
    }

    public static let none = GraphMarks()
}
