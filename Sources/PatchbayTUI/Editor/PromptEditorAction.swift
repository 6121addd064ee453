/// The prompt editor: editing the selected node's template in place or in `$EDITOR`.
public enum PromptEditorAction: Sendable, Equatable {
    /// Starts editing in place (keys go to the editor until Esc).
    case edit
    /// A key while editing in place.
    case key(Key)
    /// Hands the prompt to `$EDITOR`.
    case externalEditor
    case report(PromptReport)
}

/// The prompt editor's reports.
public enum PromptReport: Sendable, Equatable {
    /// `$EDITOR` returned (nil: the text is unchanged).
    case externalEditFinished(node: String, field: String, text: String?)
}
