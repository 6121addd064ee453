/// The status of a node, a step or a run as both front ends show it: one glyph and one colour
/// role each (`symbol`), so the CLI's step lines, the graph, the trace and the runs pane agree.
/// Breakpoints and problems are marks on top of this, kept elsewhere.
public enum NodeStatus: String, Sendable, Hashable, CaseIterable {
    /// Not run yet (or no run).
    case idle
    /// Its inputs are there; it runs next.
    case ready
    case running
    /// The run is stopped at this node (the debugger).
    case paused
    /// Executed and finished.
    case done
    /// Done, from the cache (nothing executed).
    case cached
    /// Done, copied from a recorded run (replay or fork; nothing executed).
    case replayed
    /// Never ran: an input it needs was not emitted or its source failed.
    case skipped
    case failed
    /// Stopped on request before it finished.
    case cancelled
    /// A stored run whose process died before it finished.
    case interrupted
}
