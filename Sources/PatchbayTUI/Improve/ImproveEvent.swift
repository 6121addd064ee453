import PatchbayEval

/// What the improve runner reports to the improve pane.
public enum ImproveEvent: Sendable {
    case started(id: String, casesPath: String, train: Int, dev: Int, test: Int, repeats: Int)
    case progress(ImproveProgress)
    /// `saved`: the search is in the store (`patchbay evals` lists it).
    case finished(ImproveReport, saved: Bool)
    /// The search did not start: a bad graph or cases file; the message says which.
    case refused(String, detail: String? = nil)
}
