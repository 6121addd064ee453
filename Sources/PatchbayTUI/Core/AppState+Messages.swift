import Foundation

/// The status line's message, set by every feature's reducer.
extension AppState {
    mutating func info(_ text: String) {
        message = StatusMessage(text: text, level: .info, at: now)
    }

    mutating func warn(_ text: String) {
        message = StatusMessage(text: text, level: .warning, at: now)
    }

    mutating func fail(_ text: String) {
        message = StatusMessage(text: text, level: .error, at: now)
    }
}
