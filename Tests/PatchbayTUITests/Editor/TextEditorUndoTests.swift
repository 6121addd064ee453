import Testing

@testable import PatchbayTUI

@Suite struct TextEditorUndoTests {
    private func type(_ text: String, into editor: inout TextEditor) {
        for c in text { editor.perform(c == "\n" ? .newline : .insert(String(c))) }
    }

    @Test func typingUndoesAWordAtATime() {
        var editor = TextEditor(text: "")
        type("hello world", into: &editor)
        let changed1 = editor.perform(.undo)
        #expect(changed1)
        #expect(editor.text == "hello ")
        #expect(editor.cursor == at(0, 6))
        editor.perform(.undo)
        #expect(editor.text == "")
        let changed2 = editor.perform(.undo)
        #expect(!changed2)
    }

    @Test func aNewlineIsAStepOfItsOwn() {
        var editor = TextEditor(text: "")
        type("ab\ncd", into: &editor)
        editor.perform(.undo)
        #expect(editor.text == "ab\n")
        editor.perform(.undo)
        #expect(editor.text == "ab")
        editor.perform(.undo)
        #expect(editor.text == "")
    }

    @Test func aMotionEndsTheTypingStep() {
        var editor = TextEditor(text: "")
        type("ab", into: &editor)
        editor.perform(.move(.left, extend: false))
        type("c", into: &editor)
        #expect(editor.text == "acb")
        editor.perform(.undo)
        #expect(editor.text == "ab")
        editor.perform(.undo)
        #expect(editor.text == "")
    }

    @Test func everyOtherChangeIsOneStep() {
        var editor = makeEditor("one two three", 0, 13)
        editor.perform(.backspace)
        editor.perform(.backspace)
        editor.perform(.deleteWordBackward)
        editor.clipboard = "X\nY"
        editor.perform(.paste)
        editor.perform(.insert("  "))
        #expect(editor.text == "one two X\nY  ")
        let expected = ["one two X\nY", "one two ", "one two thr", "one two thre", "one two three"]
        for text in expected {
            editor.perform(.undo)
            #expect(editor.text == text)
        }
    }

    @Test func undoRestoresCursorAndSelection() {
        var editor = makeEditor("hello world", 0, 6)
        editor.perform(.move(.lineEnd, extend: true))
        editor.perform(.cut)
        editor.perform(.move(.documentStart, extend: false))
        editor.perform(.undo)
        #expect(editor.text == "hello world")
        #expect(editor.cursor == at(0, 11))
        #expect(editor.anchor == at(0, 6))
        #expect(editor.selectedText == "world")
    }

    @Test func redoReappliesAndRestoresTheLaterCursor() {
        var editor = makeEditor("abc", 0, 3)
        editor.perform(.insert("d"))
        editor.perform(.undo)
        #expect(editor.text == "abc")
        #expect(editor.cursor == at(0, 3))
        #expect(editor.canRedo)
        let changed3 = editor.perform(.redo)
        #expect(changed3)
        #expect(editor.text == "abcd")
        #expect(editor.cursor == at(0, 4))
        let changed4 = editor.perform(.redo)
        #expect(!changed4)
        editor.perform(.undo)
        editor.perform(.undo)
        #expect(!editor.canUndo)
    }

    @Test func aNewEditClearsRedo() {
        var editor = makeEditor("abc", 0, 3)
        editor.perform(.insert("d"))
        editor.perform(.undo)
        editor.perform(.insert("x"))
        let changed5 = editor.perform(.redo)
        #expect(!changed5)
        #expect(editor.text == "abcx")
    }

    @Test func typingOverASelectionIsItsOwnStepThenCoalesces() {
        var editor = makeEditor("hello world", 0, 6)
        editor.perform(.move(.lineEnd, extend: true))
        type("there", into: &editor)
        #expect(editor.text == "hello there")
        editor.perform(.undo)
        #expect(editor.text == "hello t")
        editor.perform(.undo)
        #expect(editor.text == "hello world")
        #expect(editor.selectedText == "world")
    }

    @Test func commandsThatChangeNothingRecordNoStep() {
        var editor = makeEditor("abc", 0, 0)
        editor.perform(.backspace)
        editor.perform(.copy)
        editor.perform(.move(.right, extend: false))
        #expect(!editor.canUndo)
    }

    @Test func historyIsBounded() {
        var editor = TextEditor(text: "")
        for _ in 0..<(TextEditor.undoLimit + 20) { editor.perform(.newline) }
        #expect(editor.undoStack.count == TextEditor.undoLimit)
    }
}
