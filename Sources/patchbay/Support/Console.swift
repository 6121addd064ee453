import Foundation
import PatchbayCore
import Synchronization

/// Where the CLI writes: results to stdout, diagnostics and progress to stderr. Everything this
/// process prints passes `write`, which masks secrets and then escapes with `TerminalText`: no
/// control, invisible or bidi character leaves raw, whatever path the text came by (an id in a
/// diagnostic, a file name, a CSV header, a model's output). JSON goes through `json`, which
/// escapes the same characters as JSON `\uXXXX`, so the document keeps its meaning; the CLI's
/// own terminal sequences go through `control`.
enum Console {
    /// How text is made safe at the sink.
    enum Content {
        /// Text for a person: escaped as `\x1b`, `\u{200B}` (newlines and tabs stay).
        case text
        /// A JSON document or line: escaped as JSON `\u001b`, `\u200b`, meaning unchanged.
        case json
    }

    /// Terminal sequences the CLI itself sends, never built from data: content can't smuggle
    /// one in, and `write` escapes every other escape.
    enum Control: String {
        /// Back to the start of the line and clear it (the eval progress line).
        case clearLine = "\r\u{1B}[K"
        /// A word diff's removed and added parts (`diff-runs` on a terminal), and back to plain.
        case removed = "\u{1B}[31m"
        case added = "\u{1B}[32m"
        case plain = "\u{1B}[0m"
    }

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// The configured secrets (keys, URL credentials), set once the model config is read:
    /// nothing this process prints shows them, whatever path the text came by.
    static var masker: SecretMasker {
        get { maskerStorage.withLock { $0 } }
        set { maskerStorage.withLock { $0 = newValue } }
    }
    private static let maskerStorage = Mutex(SecretMasker.none)

    static func out(_ text: String) {
        write(text + "\n", to: .standardOutput)
    }

    static func err(_ text: String) {
        write(text + "\n", to: .standardError)
    }

    /// One JSON document (or event line) on stdout.
    static func json(_ text: String) {
        write(text + "\n", to: .standardOutput, as: .json)
    }

    /// Sends one of the CLI's own terminal sequences, unescaped.
    static func control(_ sequence: Control, to handle: FileHandle) {
        send(sequence.rawValue, to: handle)
    }

    /// Masks secrets, escapes for `content`, writes. The one way text leaves the process.
    static func write(_ text: String, to handle: FileHandle, as content: Content = .text) {
        let masked = masker.mask(text)
        switch content {
        case .text: send(TerminalText.escape(masked), to: handle)
        case .json: send(TerminalText.escapeJSON(masked), to: handle)
        }
    }

    /// Exits quietly when the reader has gone (`patchbay run … | head`): SIGPIPE is ignored (see
    /// `Patchbay.main`), so a closed pipe shows up here as a write error.
    private static func send(_ text: String, to handle: FileHandle) {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch { Foundation.exit(0) }
    }

    /// Prints a value for a person: strings as text, everything else as pretty JSON.
    static func show(_ value: JSONValue) -> String {
        TerminalText.escape(value.stringValue ?? value.prettyJSON)
    }

    /// Reads one line from stdin; nil at end of input.
    static func readLine(prompt: String) -> String? {
        write(prompt, to: .standardError)
        return Swift.readLine()
    }
}

/// A problem with what the user asked for, found after parsing (an unreadable --inputs file):
/// printed as `error: …` and exit 2, without a usage line that would point at the wrong command.
struct CLIError: Error {
    var message: String

    init(_ message: String) { self.message = message }
}
