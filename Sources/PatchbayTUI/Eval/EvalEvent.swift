import PatchbayEval

/// What the eval runner reports to the eval pane.
public enum EvalEvent: Sendable {
    case started(id: String, casesPath: String, caseIDs: [String], repeats: Int)
    case progress(EvalProgress)
    /// `saved`: the record is in the store (`patchbay evals` lists it).
    case finished(EvalReport, saved: Bool)
    /// The eval did not start: a bad graph or cases file; the message says which.
    case refused(String, detail: String? = nil)
}
