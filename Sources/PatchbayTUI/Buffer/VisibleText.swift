import PatchbayCore

/// Makes text safe to show: model output and file contents are untrusted, so control
/// characters, escape sequences and invisible or bidi characters are drawn as `\x1b` or
/// `\u{200B}` text, never sent to the terminal. The rules are `TerminalText`'s, the same the CLI
/// prints with; on screen newlines and tabs are escaped too (`\n`, `\t`), a row being one line.
public enum VisibleText {
    /// True for C0 controls, DEL and C1 controls: anything a terminal might act on.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isControl(scalar)
    }

    /// True when the grapheme is drawn as a visible escape rather than as itself: a control,
    /// or an invisible or bidi character (a zero-width space, U+202E), not an emoji's joiner.
    public static func needsEscape(_ c: Character) -> Bool {
        if let ascii = c.asciiValue { return ascii < 0x20 || ascii == 0x7F }
        return !TerminalText.isPlain(String(c), keepNewlines: false, tabs: false)
    }

    /// `text` with every control and invisible character written as a visible escape: `\n`,
    /// `\t`, `\r` by name, other controls as `\xNN`, invisible and bidi characters as `\u{200B}`.
    public static func escaped(_ text: String) -> String {
        TerminalText.escape(text, keepNewlines: false, tabs: false)
    }
}
