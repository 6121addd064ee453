import PatchbayCore
import PatchbayPresentation

/// Library errors as the command line says them: the same messages, with typed hints phrased
/// with this program's flags and commands (`HintText.commandLine`).
enum ErrorText {
    /// The error's text, or nil for errors this front end has no typed wording for.
    static func commandLine(_ error: any Error) -> String? { HintText.describe(error, in: HintText.commandLine) }

    /// Any error as the command line prints it: typed wording where there is one, else the
    /// error's own description.
    static func text(_ error: any Error) -> String { commandLine(error) ?? "\(error)" }

    /// `  hint: …` for a stored or reported hint, escaped.
    static func hintLine(_ hint: Hint) -> String {
        "  hint: \(TerminalText.escape(HintText.commandLine(hint)))"
    }
}
