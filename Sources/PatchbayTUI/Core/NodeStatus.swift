/// What the graph pane shows for a node in the current run. Breakpoints and problems are
/// marks on top of this, kept elsewhere.
public enum NodeStatus: String, Sendable, Hashable, CaseIterable {
    /// Not run yet (or no run).
    case idle
    /// Its inputs are there; it runs next.
    case ready
    case running
    case done
    /// Done, from the cache (nothing executed).
    case cached
    case skipped
    case failed
    /// The run is stopped at this node.
    case paused
}
