import Foundation

/// The status line's message, set by every feature's reducer.
extension AppState {
    mutating func info(_ text: String) {
        message = StatusMessage(text: text, level: .info, at: now)
    }

    mutating func warn(_ text: String) {
        message = StatusMessage(text: text, level: .warning, at: now)
    }

    /// `detail`: the whole of it, when `text` is its short form (`StatusMessage.detail`).
    mutating func fail(_ text: String, detail: String? = nil) {
        message = StatusMessage(text: text, level: .error, at: now, detail: detail)
    }
}
