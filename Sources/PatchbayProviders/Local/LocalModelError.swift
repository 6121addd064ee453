import Foundation

/// Why the local model could not be installed, started or stopped. The message says what to do
/// and, when a process failed, which command and which log file to look at.
public struct LocalModelError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    public static let notInstalled = LocalModelError(
        "the local model is not installed — run `\(LocalModelPaths.installCommand)` (compiles llama.cpp once, a few minutes)"
    )
}

/// The last lines of a log file, for error messages (empty when the file is missing).
func logTail(_ file: URL, lines: Int = 15) -> String {
    guard let data = try? Data(contentsOf: file) else { return "" }
    let text = String(decoding: data.suffix(16_384), as: UTF8.self)
    let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
    return tail.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
}
