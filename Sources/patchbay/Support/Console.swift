import Foundation
import PatchbayCore

/// Where the CLI writes: results to stdout, diagnostics and progress to stderr. Untrusted text
/// (model output, file contents) is escaped before it reaches a terminal.
enum Console {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints a value for a person: strings as text, everything else as pretty JSON.
    static func show(_ value: JSONValue) -> String {
        TerminalText.escape(value.stringValue ?? value.prettyJSON)
    }

    /// Reads one line from stdin; nil at end of input.
    static func readLine(prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        return Swift.readLine()
    }
}

/// A problem with what the user asked for, found after parsing (an unreadable --inputs file):
/// printed as `error: …` and exit 2, without a usage line that would point at the wrong command.
struct CLIError: Error {
    var message: String

    init(_ message: String) { self.message = message }
}
