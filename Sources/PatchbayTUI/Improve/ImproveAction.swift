/// The improve pane: starting and stopping a search, and looking at or applying a candidate.
public enum ImproveAction: Sendable {
    /// `i` in the pane: the command line, ready for a cases file.
    case askForCases
    /// `:improve FILE [OPTION VALUE]…`, the argument as typed.
    case command(String)
    case cancel
    /// Enter: the selected candidate's diff against the graph being edited (Enter again closes it).
    case toggleDiff
    /// `D`: the winner's diff against the graph being edited (again closes it).
    case toggleWinnerDiff
    /// `a`: the selected candidate's graph becomes the graph being edited, and the sub-graph
    /// files it changed are saved (one undo step for all of it).
    case applySelected
    /// `A`: the search's winner, as `a` applies a candidate.
    case applyWinner
    case report(ImproveEvent)
}
