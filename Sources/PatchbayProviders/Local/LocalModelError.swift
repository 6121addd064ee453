import Foundation
import PatchbayCore

/// Why the local model could not be installed, started or stopped. The message says what to do
/// and, when a process failed, which command and which log file to look at.
public struct LocalModelError: HintedError, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    public var hint: Hint?

    public init(_ message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) — \($0)" } ?? message }
    public var errorDescription: String? { description }

    public static let notInstalled = LocalModelError("the local model is not installed", hint: .installLocalModel)
}

/// The last lines of a log file, for error messages (empty when the file is missing).
func logTail(_ file: URL, lines: Int = 15) -> String {
    guard let data = try? Data(contentsOf: file) else { return "" }
    let text = String(decoding: data.suffix(16_384), as: UTF8.self)
    let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
    return tail.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
}
