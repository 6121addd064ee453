import PatchbayCore
import PatchbayPresentation

extension GraphEditingState {
    /// The problems listed: all, or those the filter matches.
    public var visibleProblems: [Diagnostic] {
        guard !problemsFilter.isEmpty else { return problems }
        let needle = problemsFilter.lowercased()
        return problems.filter { Self.problemText($0).lowercased().contains(needle) }
    }

    /// The problem selected in the problems pane.
    public var selectedProblem: Diagnostic? {
        let visible = visibleProblems
        return visible.indices.contains(problemsSelection) ? visible[problemsSelection] : nil
    }

    /// A problem as the pane lists it (its place, node, message and hint); the filter matches
    /// this, and its kind and severity.
    static func problemText(_ problem: Diagnostic) -> String {
        let place = problem.location.map { "\($0.line):\($0.column) " } ?? ""
        let hint = problem.hint.map { " hint: " + HintText.workbench($0) } ?? ""
        return place + (problem.node.map { "`\($0)` " } ?? "") + problem.message + hint + " "
            + problem.kind.rawValue + " " + problem.severity.rawValue
    }
}
