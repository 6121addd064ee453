import PatchbayCore
import PatchbayPresentation

/// Library errors as the command line says them: the same messages, with typed hints phrased
/// with this program's flags and commands (`HintText.commandLine`).
enum ErrorText {
    /// The error's text, or nil for errors this front end has no typed wording for.
    static func commandLine(_ error: any Error) -> String? {
        switch error {
        case let error as GraphFileError: error.rendered(hint: HintText.commandLine)
        case let error as RunInputError: error.rendered(hint: HintText.commandLine)
        case let error as RunLimitError: error.message + "\n  hint: " + HintText.commandLine(error.hint)
        case let error as any HintedError:
            error.message + (error.hint.map { "\n  hint: " + HintText.commandLine($0) } ?? "")
        default: nil
        }
    }

    /// `  hint: …` for a stored or reported hint, escaped.
    static func hintLine(_ hint: Hint) -> String {
        "  hint: \(TerminalText.escape(HintText.commandLine(hint)))"
    }
}
