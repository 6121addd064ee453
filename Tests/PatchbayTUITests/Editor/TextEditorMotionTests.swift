import Testing

@testable import PatchbayTUI

/// An editor on `text` with the cursor at `line`:`column`.
func makeEditor(_ text: String, _ line: Int = 0, _ column: Int = 0) -> TextEditor {
    var editor = TextEditor(text: text)
    editor.cursor = TextPosition(line: line, column: column)
    return editor
}

func at(_ line: Int, _ column: Int) -> TextPosition { TextPosition(line: line, column: column) }

@Suite struct TextEditorMotionTests {
    @Test func leftAndRightCrossLineEnds() {
        var editor = makeEditor("ab\ncd", 0, 2)
        editor.perform(.move(.right, extend: false))
        #expect(editor.cursor == at(1, 0))
        editor.perform(.move(.left, extend: false))
        #expect(editor.cursor == at(0, 2))
        editor.perform(.move(.documentStart, extend: false))
        editor.perform(.move(.left, extend: false))
        #expect(editor.cursor == at(0, 0))
        editor.perform(.move(.documentEnd, extend: false))
        #expect(editor.cursor == at(1, 2))
        editor.perform(.move(.right, extend: false))
        #expect(editor.cursor == at(1, 2))
    }

    @Test func columnsCountGraphemesNotBytes() {
        var editor = makeEditor("a👍🏽日本b")
        #expect(editor.lines[0].count == 5)
        editor.perform(.move(.right, extend: false))
        editor.perform(.move(.right, extend: false))
        #expect(editor.cursor == at(0, 2))
        editor.perform(.insert("X"))
        #expect(editor.text == "a👍🏽X日本b")
        editor.perform(.move(.lineEnd, extend: false))
        #expect(editor.cursor == at(0, 6))
        #expect(editor.displayColumn(of: editor.cursor) == 9)
    }

    @Test func upAndDownKeepThePreferredColumn() {
        var editor = makeEditor("abcdef\nab\nabcdef", 0, 5)
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(1, 2))
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(2, 5))
        editor.perform(.move(.up, extend: false))
        editor.perform(.move(.up, extend: false))
        #expect(editor.cursor == at(0, 5))
        // A horizontal motion forgets it.
        editor.perform(.move(.down, extend: false))
        editor.perform(.move(.left, extend: false))
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(2, 1))
    }

    @Test func upAndDownAimForDisplayColumnsAcrossWideCharacters() {
        var editor = makeEditor("日本語x\nabcdefg", 0, 2)
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(1, 4))
        editor = makeEditor("日本語x\nabcdefg", 1, 3)
        editor.perform(.move(.up, extend: false))
        #expect(editor.cursor == at(0, 1), "display column 3 is inside 本, so the cursor goes before it")
        editor = makeEditor("\tx\nabcdefg", 0, 1)
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(1, 4), "a tab reaches the next stop of four")
    }

    @Test func upOnFirstLineAndDownOnLastGoToTheEnds() {
        var editor = makeEditor("abc\ndef", 0, 2)
        editor.perform(.move(.up, extend: false))
        #expect(editor.cursor == at(0, 0))
        editor.perform(.move(.down, extend: false))
        editor.perform(.move(.down, extend: false))
        #expect(editor.cursor == at(1, 3))
    }

    @Test func pagesMoveByTheGivenCountAndClamp() {
        let text = (1...30).map { "line \($0)" }.joined(separator: "\n")
        var editor = makeEditor(text, 2, 3)
        editor.perform(.move(.pageDown(10), extend: false))
        #expect(editor.cursor == at(12, 3))
        editor.perform(.move(.pageDown(20), extend: false))
        #expect(editor.cursor == at(29, 7))
        editor.perform(.move(.pageUp(10), extend: false))
        #expect(editor.cursor == at(19, 3), "the preferred column survives the clamp")
        editor.perform(.move(.pageUp(50), extend: false))
        #expect(editor.cursor == at(0, 0))
    }

    @Test func wordRightStopsAtWordAndPunctuationEndsThenCrossesTheLineEnd() {
        var editor = makeEditor("foo.bar(baz)  qux\nnext")
        var stops: [Int] = []
        for _ in 0..<7 {
            editor.perform(.move(.wordRight, extend: false))
            stops.append(editor.cursor.column)
        }
        #expect(stops == [3, 4, 7, 8, 11, 12, 17])
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(1, 0))
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(1, 4))
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(1, 4))
    }

    @Test func wordLeftStopsAtWordStartsThenCrossesTheLineStart() {
        var editor = makeEditor("first\nfoo.bar(baz)  qux", 1, 17)
        var stops: [Int] = []
        for _ in 0..<7 {
            editor.perform(.move(.wordLeft, extend: false))
            stops.append(editor.cursor.column)
        }
        #expect(stops == [14, 11, 8, 7, 4, 3, 0])
        editor.perform(.move(.wordLeft, extend: false))
        #expect(editor.cursor == at(0, 5))
        editor.perform(.move(.wordLeft, extend: false))
        editor.perform(.move(.wordLeft, extend: false))
        #expect(editor.cursor == at(0, 0))
    }

    @Test func wordsIncludeWideLettersAndEmojiArePunctuation() {
        var editor = makeEditor("日本 語👍👍x")
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(0, 2))
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(0, 4))
        editor.perform(.move(.wordRight, extend: false))
        #expect(editor.cursor == at(0, 6))
    }

    @Test func lineStartAndEnd() {
        var editor = makeEditor("one\n  two", 1, 3)
        editor.perform(.move(.lineEnd, extend: false))
        #expect(editor.cursor == at(1, 5))
        editor.perform(.move(.lineStart, extend: false))
        #expect(editor.cursor == at(1, 0))
    }

    @Test func extendingMotionsSelectAndPlainOnesCollapse() {
        var editor = makeEditor("hello world", 0, 6)
        editor.perform(.move(.lineEnd, extend: true))
        #expect(editor.anchor == at(0, 6))
        #expect(editor.selectedText == "world")
        editor.perform(.move(.left, extend: false))
        #expect(editor.cursor == at(0, 6), "left goes to the selection's start")
        #expect(editor.selection == nil)
        editor.perform(.move(.wordRight, extend: true))
        editor.perform(.move(.right, extend: false))
        #expect(editor.cursor == at(0, 11), "right goes to the selection's end")
        // Extending back onto the anchor leaves no selection.
        editor.perform(.move(.left, extend: true))
        editor.perform(.move(.right, extend: true))
        #expect(editor.anchor == nil)
    }

    @Test func selectionAcrossLinesAndSelectAll() {
        var editor = makeEditor("ab\ncd\nef", 0, 1)
        editor.perform(.move(.down, extend: true))
        editor.perform(.move(.down, extend: true))
        #expect(editor.selectedText == "b\ncd\ne")
        editor.perform(.move(.up, extend: true))
        #expect(editor.selectedText == "b\nc")
        editor.perform(.selectAll)
        #expect(editor.selectedText == "ab\ncd\nef")
        #expect(editor.cursor == at(2, 2))
    }

    @Test func backwardSelectionReadsInTextOrder() {
        var editor = makeEditor("one two", 0, 7)
        editor.perform(.move(.wordLeft, extend: true))
        #expect(editor.selection == at(0, 4)..<at(0, 7))
        #expect(editor.selectedText == "two")
    }

    @Test func keepCursorVisibleScrollsBothWays() {
        let text = (1...30).map { "line \($0)" }.joined(separator: "\n")
        var editor = makeEditor(text, 20, 0)
        editor.keepCursorVisible(height: 10)
        #expect(editor.scroll == 11)
        editor.perform(.move(.up, extend: false))
        editor.keepCursorVisible(height: 10)
        #expect(editor.scroll == 11)
        editor.perform(.move(.pageUp(15), extend: false))
        editor.keepCursorVisible(height: 10)
        #expect(editor.scroll == 4)
        editor.scroll = 100
        editor.perform(.move(.documentEnd, extend: false))
        editor.keepCursorVisible(height: 10)
        #expect(editor.scroll == 20, "never scrolled past the last page")
    }
}
