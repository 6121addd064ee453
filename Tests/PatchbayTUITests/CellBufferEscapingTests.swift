import PatchbayCore
import Testing

@testable import PatchbayTUI

/// The screen escapes with the CLI's rules: invisible and bidi characters are drawn visibly,
/// not only controls; emoji stay whole.
@Suite struct CellBufferEscapingTests {
    @Test("zero-width, bidi and line-separator characters are drawn as \\u{…}")
    func invisibles() {
        var buffer = CellBuffer(width: 60, height: 1)
        buffer.put("a\u{200B}b\u{202E}c\u{2066}d\u{FEFF}e\u{2028}f", x: 0, y: 0)
        #expect(buffer.text == "a\\u{200B}b\\u{202E}c\\u{2066}d\\u{FEFF}e\\u{2028}f")
        #expect(
            VisibleText.escaped("x\u{1B}[31m\n")
                == TerminalText.escape("x\u{1B}[31m\n", keepNewlines: false, tabs: false))
    }

    @Test("an emoji joined with zero-width joiners stays one picture")
    func emoji() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("👨‍👩‍👧!", x: 0, y: 0)
        #expect(buffer.text == "👨‍👩‍👧!")
    }

    @Test("the prompt editor draws a zero-width space as its escape, at the width it measures")
    func editorWidth() {
        #expect(VisibleText.needsEscape("\u{200B}"))
        #expect(!VisibleText.needsEscape("👨‍👩‍👧"))
        #expect(TextEditor.cellWidth("\u{200B}", at: 0) == "\\u{200B}".count)
    }
}
