import Testing

@testable import PatchbayTUI

@Suite struct FormModelTests {
    /// A prefilled field is selected (issue 16, item 8): typing or deleting replaces the value;
    /// a motion key keeps it and edits it from there.
    @Test func aPrefilledFieldIsSelectedSoTypingReplacesIt() {
        var typed = EditableText("last run's text", selected: true)
        #expect(typed.selectsAll)
        _ = typed.perform(.char("n"))
        _ = typed.perform(.char("o"))
        #expect(typed.text == "no")
        #expect(!typed.selectsAll)

        var deleted = EditableText("old", selected: true)
        _ = deleted.perform(.backspace)
        #expect(deleted.text.isEmpty)

        var kept = EditableText("old", selected: true)
        _ = kept.perform(.end)
        _ = kept.perform(.char("!"))
        #expect(kept.text == "old!")

        // Tab is not an edit: the selection stays for when the field is back.
        var tabbed = EditableText("old", selected: true)
        let handled = tabbed.perform(.tab)
        #expect(!handled)
        #expect(tabbed.selectsAll)
        #expect(!EditableText("", selected: true).selectsAll)
        #expect(FormField(name: "text", value: "prefilled").value.selectsAll)
    }

    static func form() -> FormModel {
        FormModel(fields: [
            FormField(name: "topic", typeHint: "string", required: true),
            FormField(name: "notes", typeHint: "text", multiline: true, value: "one\ntwo"),
            FormField(name: "count", typeHint: "number", value: "3"),
        ])
    }

    func type(_ text: String, into form: inout FormModel) {
        for c in text { _ = form.perform(.char(c)) }
    }

    @Test func typingEditsTheFocusedField() {
        var form = Self.form()
        type("solar", into: &form)
        _ = form.perform(.backspace)
        _ = form.perform(.home)
        type("S", into: &form)
        _ = form.perform(.delete)
        #expect(form.values["topic"] == "Sola")
        _ = form.perform(.ctrl("w"))
        #expect(form.values["topic"] == "ola")
    }

    @Test func focusMovesWithTabAndArrows() {
        var form = Self.form()
        _ = form.perform(.tab)
        #expect(form.focus == 1)
        // Inside the multi-line field Up/Down move lines first, then leave it.
        _ = form.perform(.up)
        #expect(form.focus == 1 && form.fields[1].value.cursorLineColumn.line == 0)
        _ = form.perform(.down)
        #expect(form.focus == 1)
        _ = form.perform(.down)
        #expect(form.focus == 2)
        _ = form.perform(.backTab)
        _ = form.perform(.backTab)
        #expect(form.focus == 0)
        _ = form.perform(.backTab)
        #expect(form.focus == 0)
        _ = form.perform(.enter)
        #expect(form.focus == 1)
        _ = form.perform(.end)
        _ = form.perform(.enter)
        type("three", into: &form)
        #expect(form.values["notes"] == "one\ntwo\nthree")
    }

    @Test func submitChecksRequiredFields() {
        var form = Self.form()
        _ = form.perform(.tab)
        _ = form.perform(.tab)
        #expect(form.perform(.enter) == .pending)
        #expect(form.focus == 0)
        #expect(form.problem == "`topic` is required")
        type("x", into: &form)
        #expect(form.problem == nil)
        #expect(form.perform(.ctrl("s")) == .submitted)
        #expect(form.values == ["topic": "x", "notes": "one\ntwo", "count": "3"])
        #expect(form.perform(.escape) == .cancelled)
    }
}
