import Testing

@testable import PatchbayTUI

/// The few-shot prompt of sample-graphs/classify.graph.yaml.
let classifyPrompt = """
    Review: "The battery died after two days and support never answered."
    Is the review positive or negative? negative

    Review: "Works perfectly, setup took five minutes and it looks great."
    Is the review positive or negative? positive

    Review: "Cheap plastic, it cracked the first time I dropped it."
    Is the review positive or negative? negative

    Review: "Comfortable, quiet and the battery lasts all week."
    Is the review positive or negative? positive

    Review: "Late delivery and the box was damaged. I want my money back."
    Is the review positive or negative? negative

    Review: "Best purchase this year, I would buy it again."
    Is the review positive or negative? positive

    {{! the review under test }}
    Review: "{{review}}" ({{source}})
    Is the review positive or negative?
    """

@Suite struct PromptEditorViewTests {
    /// The classify prompt with `{{review}}` selected and the cursor after it.
    private func classifyEditor() -> TextEditor {
        var editor = makeEditor(classifyPrompt, 19, 9)
        for _ in 0..<10 { editor.perform(.move(.right, extend: true)) }
        return editor
    }

    private func draw(_ editor: TextEditor, width: Int, height: Int, editing: Bool = true) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        var editor = editor
        editor.keepCursorVisible(height: height)
        PromptEditorView.draw(
            editor, in: buffer.bounds, on: &buffer, theme: .dark, focused: true, editing: editing,
            ports: ["review"])
        return buffer
    }

    @Test func snapshotLLMPrompt80x24() {
        let buffer = draw(classifyEditor(), width: 80, height: 24)
        Snapshot.expect(buffer, named: "editor-llm-80x24")
    }

    @Test func snapshotLLMPrompt120x40() {
        let buffer = draw(classifyEditor(), width: 120, height: 40)
        Snapshot.expect(buffer, named: "editor-llm-120x40")
    }

    @Test func snapshotEmpty80x24() {
        let buffer = draw(TextEditor(text: ""), width: 80, height: 24, editing: false)
        Snapshot.expect(buffer, named: "editor-empty-80x24")
        #expect(buffer[3, 0].style == Theme.dark.dim)
    }

    @Test func stylesMarkTagsSelectionAndCursor() {
        let buffer = draw(classifyEditor(), width: 80, height: 24)
        let theme = Theme.dark
        let row = 19
        #expect(buffer.line(row).hasPrefix("20 Review: \"{{review}}\" ({{source}})"))
        #expect(buffer[0, row].style == theme.text.bolded, "the cursor's line number stands out")
        #expect(buffer[0, 0].style == theme.dim)
        // {{review}} is known and selected: placeholder colour, reversed.
        var selected = theme.placeholder
        selected.reverse = true
        for x in 12..<22 { #expect(buffer[x, row].style == selected) }
        #expect(buffer[22, row].style == theme.cursor, "the cursor sits after the selection")
        #expect(buffer[26, row].style == theme.placeholderUnknown, "{{source}} is not a port")
        #expect(buffer[3, 18].style == theme.dim, "comments are dim")
        #expect(buffer[3, 17].style == theme.text)
    }

    @Test func noCursorUnlessEditing() {
        let buffer = draw(makeEditor("abc", 0, 1), width: 20, height: 3, editing: false)
        #expect(!buffer.cells.contains { $0.style == Theme.dark.cursor })
        let editing = draw(makeEditor("abc", 0, 3), width: 20, height: 3)
        #expect(editing[6, 0].style == Theme.dark.cursor, "at a line's end the cursor is a blank cell")
    }

    @Test func aSelectionShowsItsLineBreaks() {
        var editor = makeEditor("ab\ncd", 0, 1)
        editor.perform(.move(.down, extend: true))
        let buffer = draw(editor, width: 20, height: 3)
        #expect(buffer[4, 0].style.reverse)
        #expect(buffer[5, 0].style.reverse, "the line break is selected")
        #expect(buffer[6, 0].style.reverse == false)
        #expect(buffer[3, 1].style.reverse)
        #expect(buffer[4, 1].style == Theme.dark.cursor)
    }

    /// Long lines soft-wrap (issue 16, item 7); they used to scroll sideways, cut with `…`.
    @Test func longLinesSoftWrapAtWordsAndTheCursorFollows() {
        let long = (0..<10).map { "word\($0)" }.joined(separator: " ")  // 59 columns
        var buffer = draw(makeEditor(long + "\nshort", 0, 0), width: 23, height: 5)
        // 20 text columns: three words and their spaces fit a row.
        #expect(buffer.line(0).trimmingSuffixSpaces == " 1 word0 word1 word2")
        #expect(buffer.line(1).trimmingSuffixSpaces == "   word3 word4 word5")
        #expect(buffer.line(2).trimmingSuffixSpaces == "   word6 word7 word8")
        #expect(buffer.line(3).trimmingSuffixSpaces == "   word9")
        #expect(buffer.line(4).trimmingSuffixSpaces == " 2 short")
        #expect(!buffer.text.contains("…"))
        // The cursor at the end of the long line is on its last row, after word9.
        buffer = draw(makeEditor(long + "\nshort", 0, 59), width: 23, height: 5)
        #expect(buffer[8, 3].style == Theme.dark.cursor)
        // In a pane too short for the wrapped line, the rows scroll to keep the cursor in sight.
        buffer = draw(makeEditor("a\n" + long, 1, 59), width: 23, height: 3)
        #expect(buffer.line(2).trimmingSuffixSpaces == "   word9")
        #expect(buffer[8, 2].style == Theme.dark.cursor)
        // A word wider than the pane breaks mid-word.
        buffer = draw(makeEditor(String(repeating: "x", count: 30), 0, 0), width: 23, height: 3)
        #expect(buffer.line(0) == " 1 " + String(repeating: "x", count: 20))
        #expect(buffer.line(1).trimmingSuffixSpaces == "   " + String(repeating: "x", count: 10))
    }

    /// A word that ends at the pane's edge stays on its row when a space follows: the editor
    /// used to break before it, one word early, where the preview (SoftWrap) did not.
    @Test func aWordEndingAtTheEdgeStaysOnItsRow() {
        let line = "aaaa bbbb cccc ddddd eeee"  // `ddddd` ends at column 20
        var buffer = draw(makeEditor(line, 0, 0), width: 23, height: 3)
        #expect(buffer.line(0).trimmingSuffixSpaces == " 1 aaaa bbbb cccc ddddd")
        #expect(buffer.line(1).trimmingSuffixSpaces == "   eeee")
        #expect(PromptEditorView.rows(of: Array(line), width: 20) == [0..<21, 21..<25])
        // The cursor on the space the break falls on sits on the row's last cell.
        buffer = draw(makeEditor(line, 0, 20), width: 23, height: 3)
        #expect(buffer[22, 0].style == Theme.dark.cursor)
        // After it, on the next row's first word.
        buffer = draw(makeEditor(line, 0, 21), width: 23, height: 3)
        #expect(buffer[3, 1].style == Theme.dark.cursor)
    }

    @Test func wideCharactersTabsAndControlCharactersLineUp() {
        let buffer = draw(makeEditor("日本\tx\u{1b}y\nab", 0, 3), width: 20, height: 2)
        #expect(buffer.line(0).hasPrefix(" 1 日本    x\\x1by"))
        #expect(buffer[11, 0].style == Theme.dark.cursor, "the cursor on x: 日本 is 4 columns, the tab 4 more")
        var moved = makeEditor("日本\tx\u{1b}y\nabcdefghijklmnop", 0, 5)
        moved.perform(.move(.down, extend: false))
        #expect(moved.cursor == at(1, 13), "an escape takes the width it is drawn with")
    }
}

extension String {
    var trimmingSuffixSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
