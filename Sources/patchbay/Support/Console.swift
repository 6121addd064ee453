import Foundation
import PatchbayCore
import Synchronization

/// Where the CLI writes: results to stdout, diagnostics and progress to stderr. Untrusted text
/// (model output, file contents) is escaped before it reaches a terminal.
enum Console {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

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

    /// Writes, and exits quietly when the reader has gone (`patchbay run … | head`): SIGPIPE is
    /// ignored (see `Patchbay.main`), so a closed pipe shows up here as a write error.
    static func write(_ text: String, to handle: FileHandle) {
        do { try handle.write(contentsOf: Data(masker.mask(text).utf8)) } catch { Foundation.exit(0) }
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
