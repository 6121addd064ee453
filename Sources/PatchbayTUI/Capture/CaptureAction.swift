/// Capturing a run as a case of the graph's cases file.
public enum CaptureAction: Sendable, Equatable {
    /// `C`: the run the trace shows, its expected output in a one-line field, prefilled.
    case start
    /// Enter in that field: the value as typed (empty: no expectation).
    case entered(String, CaseDraft)
}
