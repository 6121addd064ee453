import Foundation
import Testing

@testable import PatchbayTUI

/// The popups and notices over a framed default layout, at 80×24.
@Suite struct ChromeSnapshotTests {
    static func background() -> CellBuffer {
        LayoutSnapshotTests.screen("default", width: 80, height: 24)
    }

    @Test func help() {
        var buffer = Self.background()
        let help = HelpModel(sections: [
            HelpSection(
                title: "Graph",
                entries: [
                    ("h j k l", "move along wires"), ("a", "add a node"), ("d", "delete the node"),
                    ("c", "connect ports"),
                    ("Enter", "open a sub-graph"), ("/", "find a node"),
                ]),
            HelpSection(
                title: "Global",
                entries: [
                    ("Tab S-Tab", "next / previous pane"), ("1-9", "focus pane N"), (":", "command line"),
                    ("C-p", "palette"),
                    ("?", "this help"), ("q", "close popup, then quit"), ("u C-r", "undo / redo"),
                    ("+", "zoom the focused pane"),
                ]),
            HelpSection(
                title: "Run",
                entries: [("r", "run"), ("n F10", "step"), ("c F5", "continue"), ("b", "toggle breakpoint")]),
        ])
        HelpView.draw(help, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        Snapshot.expect(buffer, named: "chrome-help-80x24")
    }

    @Test func helpScrollsAndGoesToTwoColumnsWhenWide() {
        var help = HelpModel(
            sections: (1...4).map { n in
                HelpSection(title: "Section \(n)", entries: (1...8).map { ("k\($0)", "entry \(n).\($0)") })
            })
        var buffer = CellBuffer(width: 80, height: 24)
        for _ in 0..<5 { _ = help.perform(.char("j")) }
        HelpView.draw(help, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        #expect(buffer.text.contains("6-25/39"))
        #expect(!buffer.text.contains("Section 1"))
        #expect(help.perform(.char("q")) == .cancelled)
        var wide = CellBuffer(width: 120, height: 40)
        HelpView.draw(HelpModel(sections: help.sections), in: wide.bounds, on: &wide, theme: .dark, glyphs: .unicode)
        let row = wide.text.split(separator: "\n").first { $0.contains("Section 1") } ?? ""
        #expect(row.contains("Section 3"))
    }

    @Test func palette() {
        var buffer = Self.background()
        var palette = Palette(
            items: PaletteTests.items + [
                PaletteItem(id: "save", title: "Save graph", keys: "C-s"),
                PaletteItem(id: "zoom", title: "Zoom focused pane", keys: "+"),
            ])
        _ = palette.perform(.char("s"))
        _ = palette.perform(.down)
        PaletteView.draw(palette, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        Snapshot.expect(buffer, named: "chrome-palette-80x24")
    }

    @Test func commandLine() {
        var buffer = Self.background()
        var line = CommandLineModel()
        for c in "layout d" { _ = line.perform(.char(c)) }
        for _ in 0..<3 { _ = line.perform(.tab, commands: CommandLineModelTests.commands) }
        CommandLineView.draw(
            line, commands: CommandLineModelTests.commands, in: Rect(x: 0, y: 23, width: 80, height: 1), on: &buffer,
            theme: .dark, glyphs: .unicode)
        Snapshot.expect(buffer, named: "chrome-command-80x24")
        #expect(buffer[15, 23].style == Theme.dark.cursor)
    }

    @Test func confirm() {
        var buffer = Self.background()
        ConfirmView.draw(
            Confirm.quitWithoutSaving(file: "summarize.yaml"), in: buffer.bounds, on: &buffer, theme: .dark,
            glyphs: .unicode)
        Snapshot.expect(buffer, named: "chrome-confirm-80x24")
    }

    @Test func confirmKeys() {
        var confirm = Confirm.quitWithoutSaving(file: "x.yaml")
        #expect(confirm.perform(.enter) == .chosen("no"))
        _ = confirm.perform(.right)
        #expect(confirm.perform(.enter) == .chosen("save"))
        #expect(confirm.perform(.char("Y")) == .chosen("yes"))
        #expect(confirm.perform(.char("z")) == .pending)
        #expect(confirm.perform(.escape) == .cancelled)
    }

    @Test func choiceList() {
        var buffer = Self.background()
        var list = ChoiceList(
            title: "Add node: choose kind",
            items: [
                ChoiceItem(id: "input", title: "input", detail: "a graph input"),
                ChoiceItem(id: "llm", title: "llm", detail: "call a model with a prompt"),
                ChoiceItem(id: "template", title: "template", detail: "render a Mustache template"),
                ChoiceItem(id: "jq", title: "jq", detail: "transform JSON with jq"),
                ChoiceItem(id: "output", title: "output", detail: "a graph output"),
            ])
        _ = list.perform(.char("t"))
        _ = list.perform(.down)
        ChoiceListView.draw(list, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .ascii)
        Snapshot.expect(buffer, named: "chrome-choice-ascii-80x24")
    }

    @Test func choiceListFilters() {
        var list = ChoiceList(
            title: "Add node: choose kind",
            items: ["input", "llm", "template", "jq", "map", "output"].map { ChoiceItem(id: $0, title: $0) })
        _ = list.perform(.char("t"))
        #expect(list.matches.map(\.id) == ["template", "input", "output"])
        _ = list.perform(.down)
        #expect(list.perform(.enter) == .chosen("input"))
        _ = list.perform(.backspace)
        #expect(list.matches.count == 6)
        #expect(list.perform(.escape) == .cancelled)
    }

    @Test func form() {
        var buffer = Self.background()
        var form = FormModelTests.form()
        _ = form.perform(.tab)
        _ = form.perform(.tab)
        _ = form.perform(.enter)
        _ = form.perform(.tab)
        _ = form.perform(.end)
        for c in "\nand a third line" { _ = form.perform(c == "\n" ? .enter : .char(c)) }
        FormView.draw(form, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        Snapshot.expect(buffer, named: "chrome-form-80x24")
    }

    @Test func tooSmall() {
        var buffer = CellBuffer(width: 40, height: 10)
        buffer.put("leftover", x: 0, y: 0)
        NoticeView.tooSmall(width: 40, height: 10, minWidth: 60, minHeight: 16, on: &buffer)
        Snapshot.expect(buffer, named: "chrome-toosmall-40x10")
        var narrow = CellBuffer(width: 20, height: 6)
        NoticeView.tooSmall(width: 20, height: 6, minWidth: 60, minHeight: 16, on: &narrow)
        #expect(narrow.text.contains("(need 60x16)"))
    }

    @Test func statusLine() {
        var buffer = CellBuffer(width: 80, height: 1)
        let start = Date(timeIntervalSinceReferenceDate: 100)
        let running = StatusLineModel(
            hints: [("c", "cancel")], running: (start, "running summarize"), now: start.addingTimeInterval(3.25),
            spinnerFrame: 1,
            right: "summarize.yaml [+]")
        StatusLineView.draw(running, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        #expect(buffer.line(0).hasPrefix(" ⠙ running summarize 3.2s  c cancel"))
        #expect(buffer.line(0).hasSuffix("summarize.yaml [+] "))

        let message = StatusLineModel(hints: [("r", "run")], message: ("node `x` failed", .error), right: "a.yaml")
        StatusLineView.draw(message, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode)
        #expect(buffer.text == " node `x` failed" + String(repeating: " ", count: 57) + "a.yaml")
        #expect(buffer[1, 0].style == Theme.dark.error)

        // Narrow: hints go first, the right text stays.
        var narrow = CellBuffer(width: 30, height: 1)
        let hints = StatusLineModel(
            hints: [("r", "run"), ("n", "step"), ("c", "continue"), ("b", "break")], right: "summarize.yaml")
        StatusLineView.draw(hints, in: narrow.bounds, on: &narrow, theme: .dark, glyphs: .unicode)
        #expect(narrow.text == " r run" + String(repeating: " ", count: 9) + "summarize.yaml")
    }
}
