/// Popups: help, the palette, the `:` line, and keys while one is open.
public enum PopupAction: Sendable, Equatable {
    case help
    case palette
    case commandLine
    /// The status line's message whole, in a notice (`view.message`).
    case message
    /// A key for the top popup.
    case key(Key)
}
