/// The eval pane: starting and stopping evals, and opening a case's runs.
public enum EvalAction: Sendable {
    /// `e`: the command line, ready for a cases file.
    case askForCases
    /// `:eval FILE [repeat N]`, the argument as typed.
    case command(String)
    case cancel
    /// Enter on a case: its chosen (or first failing) sample's run.
    case openSample
    case previousSample
    case nextSample
    /// `/` in the eval pane: ask for the text to filter the cases by.
    case askFilter
    /// Lists only the cases whose id holds `text`; empty lists them all.
    case filter(String)
    case report(EvalEvent)
}
