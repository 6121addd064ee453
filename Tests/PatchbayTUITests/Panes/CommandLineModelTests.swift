import Testing

@testable import PatchbayTUI

@Suite struct CommandLineModelTests {
    static let commands = [
        CommandSpec(name: "layout", help: "switch layout", arguments: ["default", "debug", "prompt", "wide"]),
        CommandSpec(name: "load", help: "open a graph file"),
        CommandSpec(name: "quit", help: "quit"),
        CommandSpec(name: "write", help: "save the graph"),
    ]

    func type(_ text: String, into line: inout CommandLineModel) {
        for c in text { _ = line.perform(.char(c)) }
    }

    @Test func editingKeys() {
        var line = CommandLineModel()
        type("layout debug", into: &line)
        #expect(line.text == "layout debug" && line.cursor == 12)
        _ = line.perform(.ctrl("w"))
        #expect(line.text == "layout " && line.cursor == 7)
        _ = line.perform(.backspace)
        _ = line.perform(.home)
        _ = line.perform(.char("x"))
        #expect(line.text == "xlayout" && line.cursor == 1)
        _ = line.perform(.right)
        _ = line.perform(.right)
        _ = line.perform(.delete)
        #expect(line.text == "xlaout")
        _ = line.perform(.left)
        #expect(line.cursor == 2)
        _ = line.perform(.end)
        #expect(line.cursor == 6)
        _ = line.perform(.ctrl("u"))
        #expect(line.text.isEmpty && line.cursor == 0)
        // Backspace on an empty line closes it, as in vim.
        #expect(line.perform(.backspace) == .cancel)
    }

    @Test func submitTrimsAndRemembers() {
        var line = CommandLineModel()
        type("  write  ", into: &line)
        #expect(line.perform(.enter) == .submit("write"))
        #expect(line.text.isEmpty)
        type("write", into: &line)
        #expect(line.perform(.enter) == .submit("write"))
        #expect(line.history == ["write"])
        type("quit", into: &line)
        #expect(line.perform(.escape) == .cancel)
        #expect(line.history == ["write"] && line.text.isEmpty)
    }

    @Test func historyUpAndDownFilteredByWhatIsTyped() {
        var line = CommandLineModel(history: ["layout debug", "write", "layout prompt"])
        _ = line.perform(.up)
        #expect(line.text == "layout prompt")
        _ = line.perform(.up)
        #expect(line.text == "write")
        _ = line.perform(.up)
        _ = line.perform(.up)
        #expect(line.text == "layout debug")
        _ = line.perform(.down)
        _ = line.perform(.down)
        _ = line.perform(.down)
        #expect(line.text.isEmpty)

        type("lay", into: &line)
        _ = line.perform(.up)
        #expect(line.text == "layout prompt")
        _ = line.perform(.up)
        #expect(line.text == "layout debug")
        _ = line.perform(.down)
        _ = line.perform(.down)
        #expect(line.text == "lay")
    }

    @Test func completesTheCommandThenItsArgument() {
        var line = CommandLineModel()
        type("l", into: &line)
        #expect(line.completions(commands: Self.commands) == ["layout", "load"])
        type("a", into: &line)
        line.complete(commands: Self.commands)
        #expect(line.text == "layout ")
        #expect(line.completions(commands: Self.commands) == ["default", "debug", "prompt", "wide"])
        type("de", into: &line)
        line.complete(commands: Self.commands)
        #expect(line.text == "layout de")
        #expect(line.completions(commands: Self.commands) == ["default", "debug"])
        type("f", into: &line)
        _ = line.perform(.tab, commands: Self.commands)
        #expect(line.text == "layout default")
        // A command without arguments gets no space; unknown commands complete nothing.
        var other = CommandLineModel()
        type("wr", into: &other)
        other.complete(commands: Self.commands)
        #expect(other.text == "write")
        type(" x", into: &other)
        #expect(other.completions(commands: Self.commands).isEmpty)
    }

    @Test func tabCyclesWhenThePrefixCannotGrow() {
        var line = CommandLineModel()
        type("layout d", into: &line)
        line.complete(commands: Self.commands)
        #expect(line.text == "layout de")
        line.complete(commands: Self.commands)
        #expect(line.text == "layout de" && line.cycleIndex == nil && line.showsCompletions)
        #expect(line.completionList(commands: Self.commands) == ["default", "debug"])
        line.complete(commands: Self.commands)
        #expect(line.text == "layout default" && line.cycleIndex == 0)
        #expect(line.completionList(commands: Self.commands) == ["default", "debug"])
        line.complete(commands: Self.commands)
        #expect(line.text == "layout debug" && line.cycleIndex == 1)
        line.complete(commands: Self.commands)
        #expect(line.text == "layout default")
        _ = line.perform(.char("!"))
        #expect(line.cycleIndex == nil)
    }
}
