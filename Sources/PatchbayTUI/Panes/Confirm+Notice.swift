extension Confirm {
    /// The status line's message whole (its `detail` when it has one), wrapped in a popup that
    /// Enter, Esc or `q` closes: a long message (a run refused for a missing key, with where to
    /// put it) is cut on an 80-column status line.
    static func notice(_ message: StatusMessage) -> Confirm {
        let title =
            switch message.level {
            case .info: "Message"
            case .warning: "Warning"
            case .error: "Error"
            }
        return Confirm(
            title: title, message: message.detail ?? message.text,
            options: [ConfirmOption(key: "o", label: "ok", id: "ok")])
    }
}
