/// Popups: help, the palette, the `:` line, and keys while one is open.
public enum PopupAction: Sendable, Equatable {
    case help
    case palette
    case commandLine
    /// A key for the top popup.
    case key(Key)
}
