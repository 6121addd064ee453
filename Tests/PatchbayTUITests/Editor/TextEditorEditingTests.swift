import Testing

@testable import PatchbayTUI

@Suite struct TextEditorEditingTests {
    @Test func insertTypesAtTheCursor() {
        var editor = makeEditor("ac", 0, 1)
        let changed1 = editor.perform(.insert("b"))
        #expect(changed1)
        #expect(editor.text == "abc")
        #expect(editor.cursor == at(0, 2))
        let changed2 = editor.perform(.insert(""))
        #expect(!changed2)
    }

    @Test func newlineSplitsTheLine() {
        var editor = makeEditor("abcd", 0, 2)
        let changed3 = editor.perform(.newline)
        #expect(changed3)
        #expect(editor.lines == [["a", "b"], ["c", "d"]])
        #expect(editor.cursor == at(1, 0))
    }

    @Test func insertingSeveralLinesPutsTheCursorAfterThem() {
        var editor = makeEditor("[]", 0, 1)
        editor.perform(.insert("x\ny\r\nzz"))
        #expect(editor.text == "[x\ny\nzz]")
        #expect(editor.cursor == at(2, 2))
    }

    @Test func backspaceDeletesAndJoinsLines() {
        var editor = makeEditor("ab\ncd", 1, 0)
        let changed4 = editor.perform(.backspace)
        #expect(changed4)
        #expect(editor.text == "abcd")
        #expect(editor.cursor == at(0, 2))
        let changed5 = editor.perform(.backspace)
        #expect(changed5)
        #expect(editor.text == "acd")
        editor.perform(.move(.documentStart, extend: false))
        let changed6 = editor.perform(.backspace)
        #expect(!changed6)
    }

    @Test func deleteForwardDeletesAndJoinsLines() {
        var editor = makeEditor("ab\ncd", 0, 1)
        let changed7 = editor.perform(.deleteForward)
        #expect(changed7)
        #expect(editor.text == "a\ncd")
        let changed8 = editor.perform(.deleteForward)
        #expect(changed8)
        #expect(editor.text == "acd")
        #expect(editor.cursor == at(0, 1))
        editor.perform(.move(.documentEnd, extend: false))
        let changed9 = editor.perform(.deleteForward)
        #expect(!changed9)
    }

    @Test func deletingWideCharactersAndEmojiTakesWholeGraphemes() {
        var editor = makeEditor("日本👨‍👩‍👧x", 0, 3)
        editor.perform(.backspace)
        #expect(editor.text == "日本x")
        editor.perform(.move(.lineStart, extend: false))
        editor.perform(.deleteForward)
        #expect(editor.text == "本x")
    }

    @Test func deleteWordBackward() {
        var editor = makeEditor("say hello.world", 0, 15)
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "say hello.")
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "say hello")
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "say ")
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "")
        let changed10 = editor.perform(.deleteWordBackward)
        #expect(!changed10)
        editor = makeEditor("ab\ncd", 1, 0)
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "abcd", "at a line's start it joins the lines")
    }

    @Test func typingAndDeletingReplaceTheSelection() {
        var editor = makeEditor("hello world", 0, 6)
        editor.perform(.move(.lineEnd, extend: true))
        editor.perform(.insert("there"))
        #expect(editor.text == "hello there")
        #expect(editor.selection == nil)
        editor.perform(.move(.wordLeft, extend: true))
        editor.perform(.backspace)
        #expect(editor.text == "hello ")
        editor.perform(.selectAll)
        editor.perform(.deleteForward)
        #expect(editor.text == "")
        editor = makeEditor("ab\ncd", 0, 1)
        editor.perform(.move(.down, extend: true))
        editor.perform(.newline)
        #expect(editor.text == "a\nd")
        editor = makeEditor("one two", 0, 7)
        editor.perform(.move(.wordLeft, extend: true))
        editor.perform(.deleteWordBackward)
        #expect(editor.text == "one ", "with a selection it deletes just the selection")
    }

    @Test func cutCopyAndPasteUseTheEditorsClipboard() {
        var editor = makeEditor("alpha beta\ngamma", 0, 0)
        editor.perform(.move(.wordRight, extend: true))
        let changed11 = editor.perform(.copy)
        #expect(!changed11)
        #expect(editor.clipboard == "alpha")
        #expect(editor.text == "alpha beta\ngamma")
        editor.perform(.move(.documentEnd, extend: false))
        let changed12 = editor.perform(.paste)
        #expect(changed12)
        #expect(editor.text == "alpha beta\ngammaalpha")
        editor.perform(.move(.documentStart, extend: false))
        editor.perform(.move(.down, extend: true))
        let changed13 = editor.perform(.cut)
        #expect(changed13)
        #expect(editor.clipboard == "alpha beta\n")
        #expect(editor.text == "gammaalpha")
        editor.perform(.move(.lineEnd, extend: false))
        editor.perform(.paste)
        #expect(editor.text == "gammaalphaalpha beta\n")
        #expect(editor.cursor == at(1, 0))
        let changed14 = editor.perform(.cut)
        #expect(!changed14, "nothing selected, nothing cut")
        #expect(editor.clipboard == "alpha beta\n")
    }

    @Test func pasteReplacesTheSelectionAndEmptyClipboardDoesNothing() {
        var editor = makeEditor("abc", 0, 1)
        let changed15 = editor.perform(.paste)
        #expect(!changed15)
        editor.clipboard = "XY"
        editor.perform(.move(.right, extend: true))
        editor.perform(.paste)
        #expect(editor.text == "aXYc")
    }

    @Test func aTypedCombiningMarkJoinsTheGraphemeBeforeIt() {
        var editor = makeEditor("e", 0, 1)
        editor.perform(.insert("\u{301}"))
        #expect(editor.text == "e\u{301}")
        #expect(editor.lines[0].count == 1)
        #expect(editor.cursor == at(0, 1))
    }

    @Test func crlfAndEmptyText() {
        let editor = TextEditor(text: "a\r\nb\n")
        #expect(editor.lines == [["a"], ["b"], []])
        #expect(editor.text == "a\nb\n")
        let empty = TextEditor(text: "")
        #expect(empty.lines == [[]])
        #expect(empty.isEmpty)
        #expect(empty.selectedText == nil)
    }

    @Test func isModifiedComparesWithTheInitialText() {
        var editor = makeEditor("abc", 0, 3)
        #expect(!editor.isModified)
        editor.perform(.insert("d"))
        #expect(editor.isModified)
        editor.perform(.backspace)
        #expect(!editor.isModified, "same text again is not modified")
        editor.perform(.insert("e"))
        editor.markUnmodified()
        #expect(!editor.isModified)
    }

    @Test func replaceTextIsOneUndoableEditKeepingTheCursor() {
        var editor = makeEditor("one\ntwo", 1, 2)
        let changed16 = editor.replaceText(with: "uno\ndos\ntres")
        #expect(changed16)
        #expect(editor.cursor == at(1, 2))
        let changed17 = editor.replaceText(with: "uno\ndos\ntres")
        #expect(!changed17)
        editor.perform(.undo)
        #expect(editor.text == "one\ntwo")
        editor = makeEditor("long line", 0, 9)
        editor.replaceText(with: "x")
        #expect(editor.cursor == at(0, 1))
    }
}
