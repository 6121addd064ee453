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
    /// `a`: the selected candidate's graph becomes the graph being edited (one undo step).
    case applySelected
    /// `A`: the search's winner becomes the graph being edited (one undo step).
    case applyWinner
    case report(ImproveEvent)
}
