/// One thing the prompt editor can do. `EditorKeys` maps keys to these; the app's reducer
/// passes them to `TextEditor.perform`.
public enum EditorCommand: Sendable, Hashable {
    /// Types text at the cursor (replacing the selection). May contain newlines (a paste).
    case insert(String)
    case newline
    case backspace
    case deleteForward
    case deleteWordBackward
    /// Moves the cursor; `extend` grows the selection from where the cursor was.
    case move(Motion, extend: Bool)
    case selectAll
    /// Copies the selection to the editor's own clipboard (never the system's).
    case copy
    case cut
    case paste
    case undo
    case redo
}

/// Where a `move` goes.
public enum Motion: Sendable, Hashable {
    case left, right, up, down
    /// By word: letters, digits and `_` form words; a run of punctuation is a word of its own.
    case wordLeft, wordRight
    case lineStart, lineEnd
    case documentStart, documentEnd
    /// Up or down by this many lines (the pane's height less one, usually).
    case pageUp(Int)
    case pageDown(Int)

    /// Up/down motions keep the preferred column; every other motion resets it.
    var isVertical: Bool {
        switch self {
        case .up, .down, .pageUp, .pageDown: true
        default: false
        }
    }
}
