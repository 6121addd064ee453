/// Comparing two stored runs: choosing them (a mark in the runs pane, `:diff`), and the pane.
public enum CompareAction: Sendable {
    /// `m` or Space in the runs pane: marks the selected run as the first of a comparison, or
    /// unmarks it.
    case mark
    /// `=` in the runs pane: compares the marked run (A) with the selected one (B).
    case compareSelected
    /// `:diff RUN RUN`, the argument as typed: each an id, a unique prefix, `last` or `#SEQ`.
    case command(String)
    /// Esc in the compare pane: back to the layout shown before it.
    case leave
    case report(CompareReport)
}

/// What the run store answered.
public enum CompareReport: Sendable {
    case loaded(RunComparison)
    case failed(String)
}
