import PatchbayCore
import PatchbayPresentation

/// "What changed?": the graph marks each node whose output differs from the previous run, and
/// the inspector shows how.
extension Screen {
    /// The session's run against the one before it (or the stored one before the session's
    /// first); nothing while a stored run is shown.
    static func outputChanges(_ state: AppState) -> [String: [ValueChange]] {
        state.runHistory.shown == nil ? state.run.outputChanges() : [:]
    }

    /// `content` with a `Changed since the last run` (`since run #12`: a stored one) section after its outputs when the step of
    /// `path` it shows (`step` nil: the node's last) changed since the previous run.
    static func withChanges(_ content: InspectorContent, path: String, step: Step?, _ state: AppState)
        -> InspectorContent
    {
        guard let changes = outputChanges(state)[path], !changes.isEmpty else { return content }
        // An earlier step of the node (a loop's first pass) is not the one compared.
        if let step, step.id != state.run.lastStep(of: path)?.id { return content }
        let lines = changes.flatMap { ValueDiff.lines($0) }
        let section = InspectorContent.Section(
            id: "changed",
            title: "Changed since " + (state.run.comparedWithStored.map { "run #\($0.seq)" } ?? "the last run"),
            blocks: [.text(lines.joined(separator: "\n"), .plain)])
        var out = content
        let index = out.sections.firstIndex { $0.id == "outputs" }.map { $0 + 1 } ?? out.sections.endIndex
        out.sections.insert(section, at: index)
        return out
    }
}
