import Foundation

/// How loud a status-line message is.
public enum MessageLevel: Sendable, Hashable {
    case info, warning, error
}

/// What the status line shows this frame; the app builds it from its state.
public struct StatusLineModel: Sendable {
    /// Key hints for the focused pane, most useful first (the last ones go first when narrow).
    public var hints: [(key: String, label: String)]
    /// Shown instead of the hints while set.
    public var message: (text: String, level: MessageLevel)?
    /// A run in progress: a spinner, `label` as given (e.g. `running summarize`), the time since.
    public var running: (since: Date, label: String)?
    public var now: Date
    public var spinnerFrame: Int
    /// Right-aligned, e.g. the file name and `[+]` when modified.
    public var right: String?
    /// After a message that is cut, or has more to it (`detailed`): the key that shows it
    /// whole, e.g. `! more`.
    public var more: String?
    public var detailed = false

    public init(
        hints: [(key: String, label: String)] = [], message: (text: String, level: MessageLevel)? = nil,
        running: (since: Date, label: String)? = nil, now: Date = Date(timeIntervalSinceReferenceDate: 0),
        spinnerFrame: Int = 0, right: String? = nil
    ) {
        self.hints = hints
        self.message = message
        self.running = running
        self.now = now
        self.spinnerFrame = spinnerFrame
        self.right = right
    }
}
