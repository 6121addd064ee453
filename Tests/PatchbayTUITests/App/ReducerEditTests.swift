import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Editing the graph and prompts: every edit is one undoable step and asks for validation.
@Suite struct ReducerEditTests {
    typealias F = AppFixtures

    static func wires(_ graph: Graph) -> Set<String> { Set(graph.wires.map(\.description)) }

    static func selecting(_ node: String) throws -> AppState {
        var state = try F.textStatsState()
        F.find(&state, node)
        #expect(state.editing.selection == node)
        return state
    }

    // MARK: Nodes

    @Test func addNodeSelectsItAndUndoRemovesIt() throws {
        var state = try Self.selecting("stats")
        let before = state.graph
        F.keys(&state, .char("a"))
        guard let list = F.choice(state) else {
            Issue.record("no kind list")
            return
        }
        #expect(list.items.map(\.id).contains("template"))
        #expect(list.items.count == NodeKind.allCases.count)
        let effects = F.choose(&state, "template")
        #expect(F.names(effects) == ["validate"])
        #expect(state.popups.stack.isEmpty)
        #expect(state.editing.selection == "template")
        #expect(state.graph["template"]?.kind == .template)
        // Placed after the selected node.
        #expect(state.graph.index(of: "template") == (before.index(of: "stats") ?? 0) + 1)
        #expect(state.message?.text == "Add template node `template`")
        F.keys(&state, .char("u"))
        #expect(state.graph == before)
        #expect(state.editing.selection == "stats")
        #expect(state.message?.text == "Undid: add template node `template`")
    }

    /// The prompt pane follows a selection an edit makes (issue 16, item 7): adding a template
    /// node while an input node (no prompt) is selected shows the new node's template, as
    /// duplicating one does, and undo goes back to the node before. The inspector starts at the top.
    @Test func addAndDuplicateMoveThePromptPaneToTheNewNode() throws {
        var state = try Self.selecting("text")
        #expect(state.promptEditor.current == nil, "an input node has no prompt")
        state.inspector.scroll = 3
        F.keys(&state, .char("a"))
        _ = F.choose(&state, "template")
        #expect(state.editing.selection == "template")
        #expect(state.promptEditor.current?.node == "template")
        #expect(state.promptEditor.current?.field == "template")
        #expect(state.inspector.scroll == 0)
        F.keys(&state, .char("u"))
        #expect(state.editing.selection == "text")
        #expect(state.promptEditor.current == nil)

        F.find(&state, "text")
        F.keys(&state, .char("y"))
        #expect(state.editing.selection == "text2")
        #expect(state.promptEditor.current == nil)
        F.find(&state, "warning")
        F.keys(&state, .char("y"))
        #expect(state.editing.selection == "warning2")
        #expect(state.promptEditor.current?.node == "warning2")
    }

    @Test func addTwiceMakesFreshIDs() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("add jq"))
        _ = AppReducer.reduce(&state, .command("add jq"))
        #expect(state.graph["jq"] != nil && state.graph["jq2"] != nil)
        #expect(state.editing.history.undo.count == 2)
    }

    @Test func deleteTakesTheWiresAlong() throws {
        var state = try Self.selecting("stats")
        let effects = F.keys(&state, .char("d"))
        #expect(F.names(effects) == ["validate"])
        #expect(state.graph["stats"] == nil)
        #expect(!state.graph.wires.contains { $0.from.node == "stats" || $0.to.node == "stats" })
        #expect(state.editing.selection == "text", "the selection moves to a node that exists")
        #expect(state.editing.document.isModified)
        #expect(state.editing.document.revision == 1)
    }

    @Test func renameMovesTheWires() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("m"))
        guard case .input(let line, .rename("stats"))? = state.popups.stack.last else {
            Issue.record("no rename line")
            return
        }
        #expect(line.text == "stats")
        #expect(line.input.selectsAll, "the old name is selected: typing replaces it")
        F.type(&state, "measure")
        F.keys(&state, .enter)
        #expect(state.graph["stats"] == nil)
        #expect(state.graph["measure"]?.kind == .jq)
        #expect(state.editing.selection == "measure")
        let wires = Self.wires(state.graph)
        #expect(wires.contains("text -> measure"))
        #expect(wires.contains("measure -> short_enough"))
        #expect(wires.contains("measure -> counts"))
        #expect(!wires.contains { $0.contains("stats") })
    }

    @Test func renameRefusesBadNames() throws {
        var store = TestStore(try Self.selecting("stats"))
        for name in ["9lives", "has space", "report"] {
            store.setUp {
                F.keys(&$0, .char("m"))
                F.type(&$0, name)
            }
            // The line closes; the graph and selection stay as they were.
            store.press(.enter, says: .error) { $0.popups.stack = [] }
        }
    }

    @Test func renameKeepsTheBreakpoint() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("b"), .char("m"))
        F.type(&state, "stats2")
        F.keys(&state, .enter)
        #expect(state.run.breakpoints == ["stats2"])
    }

    @Test func editTextFieldThroughTheInputLine() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("E"))
        guard let list = F.choice(state), case .choice(_, .editField("stats"))? = state.popups.stack.last else {
            Issue.record("no field list")
            return
        }
        #expect(list.items.map(\.id).contains("jq"))
        F.choose(&state, "jq")
        guard case .input(let line, .fieldValue(node: "stats", field: "jq"))? = state.popups.stack.last else {
            Issue.record("no field line")
            return
        }
        #expect(line.text == state.graph["stats"]?["jq"]?.stringValue)
        F.keys(&state, .ctrl("u"))
        if case .input(let cleared, _)? = state.popups.stack.last, !cleared.text.isEmpty {
            for _ in 0..<cleared.text.count { F.keys(&state, .backspace) }
        }
        F.type(&state, ".words")
        let effects = F.keys(&state, .enter)
        #expect(F.names(effects) == ["validate"])
        #expect(state.graph["stats"]?["jq"] == ".words")
        F.keys(&state, .char("u"))
        #expect(state.graph["stats"]?["jq"] != ".words")
    }

    @Test func editTemplateFieldGoesToThePromptEditor() throws {
        var state = try Self.selecting("report")
        F.keys(&state, .char("E"))
        F.choose(&state, "template")
        #expect(state.popups.stack.isEmpty)
        #expect(state.focus == .prompt)
        #expect(state.promptEditor.current?.node == "report")
        #expect(state.promptEditor.current?.field == "template")
        #expect(state.promptEditor.current?.editing == true)
    }

    // MARK: Wires

    @Test func connectOffersOnlyCompatibleFreePorts() throws {
        let graph = try F.graph(
            """
            patchbay: 1
            nodes:
              n: { kind: input, type: number }
              s: { kind: output, type: string }
              o: { kind: output, type: number }
              a: { kind: output }
            """)
        var state = F.state(graph)
        #expect(state.editing.selection == "n")
        F.keys(&state, .char("o"))
        guard let ports = F.choice(state), case .choice(_, .connectFrom("n"))? = state.popups.stack.last else {
            Issue.record("no port list")
            return
        }
        #expect(ports.items.map(\.id) == ["value"])
        F.choose(&state, "value")
        guard let targets = F.choice(state), case .choice(_, .connectTo(let from))? = state.popups.stack.last else {
            Issue.record("no target list")
            return
        }
        #expect(from == PortRef(node: "n", port: "value"))
        #expect(Set(targets.items.map(\.id)) == ["o.value", "a.value"], "a number never goes into a string output")
        let effects = F.choose(&state, "o.value")
        #expect(F.names(effects) == ["validate"])
        #expect(Self.wires(state.graph) == ["n.value -> o.value"])

        // o.value is taken now: it is no longer offered.
        F.keys(&state, .char("o"))
        F.choose(&state, "value")
        #expect(F.choice(state).map { $0.items.map(\.id) } == ["a.value"])
    }

    @Test func connectFromANodeWithoutOutputsWarns() throws {
        var store = TestStore(try Self.selecting("summary"))
        store.press(.char("o"), says: .warning)
    }

    @Test func disconnectRemovesTheChosenWire() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("O"))
        guard let list = F.choice(state) else {
            Issue.record("no wire list")
            return
        }
        #expect(Set(list.items.map(\.id)) == ["text -> stats", "stats -> short_enough", "stats -> counts"])
        F.choose(&state, "stats -> counts")
        #expect(!Self.wires(state.graph).contains("stats -> counts"))
        #expect(Self.wires(state.graph).contains("stats -> short_enough"))
        #expect(state.editing.history.undo.last?.label == "disconnect `stats -> counts`")
    }

    @Test func insertOnAWire() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("w"))
        F.choose(&state, "stats -> counts")
        guard case .choice(_, .insertKind(let wire))? = state.popups.stack.last else {
            Issue.record("no kind list")
            return
        }
        #expect(wire.description == "stats -> counts")
        F.choose(&state, "jq")
        #expect(state.editing.selection == "jq")
        let wires = Self.wires(state.graph)
        #expect(!wires.contains("stats -> counts"))
        #expect(wires.contains("stats -> jq.value"))
        #expect(wires.contains("jq.value -> counts"))
        #expect(state.editing.history.undo.count == 1)
    }

    @Test func duplicateCopiesIncomingWires() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char("y"))
        #expect(state.editing.selection == "stats2")
        #expect(state.graph["stats2"]?["jq"] == state.graph["stats"]?["jq"])
        let wires = Self.wires(state.graph)
        #expect(wires.contains("text -> stats2"))
        #expect(!wires.contains { $0.hasPrefix("stats2") })
    }

    // MARK: Extract

    @Test func markAndExtract() throws {
        var state = F.state(try F.textStats().graph, path: "/tmp/proj/text-stats.graph.yaml")
        _ = AppReducer.reduce(&state, .command("goto stats"))
        F.keys(&state, .char(" "))
        _ = AppReducer.reduce(&state, .command("goto short_enough"))
        F.keys(&state, .char(" "))
        #expect(state.editing.marked == ["stats", "short_enough"])
        F.keys(&state, .char("x"))
        guard case .input(let line, .extractFile)? = state.popups.stack.last else {
            Issue.record("no file line")
            return
        }
        #expect(line.text == "subgraph.graph.yaml")
        F.type(&state, "measure.graph.yaml")
        let effects = F.keys(&state, .enter)
        #expect(F.names(effects) == ["validate", "writeSubgraph"])
        guard case .writeSubgraph(let sub, let path)? = effects.last else {
            Issue.record("no sub-graph")
            return
        }
        #expect(path == "/tmp/proj/measure.graph.yaml")
        #expect(
            Set(sub.nodes.filter { $0.kind != .input && $0.kind != .output }.map(\.id)) == ["stats", "short_enough"])
        #expect(sub.nodes.contains { $0.kind == .input })
        #expect(sub.nodes.filter { $0.kind == .output }.count >= 2)

        let parent = state.graph
        #expect(parent["stats"] == nil && parent["short_enough"] == nil)
        #expect(parent["measure"]?.kind == .graph)
        #expect(parent["measure"]?["graph"] == "measure.graph.yaml")
        #expect(state.editing.selection == "measure")
        #expect(state.editing.marked.isEmpty)
        let wires = Self.wires(parent)
        #expect(wires.contains { $0.hasPrefix("text") && $0.hasSuffix("-> measure.text") })
        #expect(wires.contains { $0.hasPrefix("measure.") && $0.contains("-> counts") })
        #expect(wires.contains { $0.hasPrefix("measure.") && $0.contains("-> report.s") })
        #expect(wires.contains { $0.hasPrefix("measure.") && $0.contains("-> warning.reason") })

        // One undo brings both nodes back.
        F.keys(&state, .char("u"))
        #expect(state.graph["stats"] != nil && state.graph["measure"] == nil)
    }

    @Test func spaceTwiceUnmarks() throws {
        var state = try Self.selecting("stats")
        F.keys(&state, .char(" "), .char(" "))
        #expect(state.editing.marked.isEmpty)
    }

    // MARK: Prompts

    @Test func promptEditIsOneUndoableEdit() throws {
        var state = try Self.selecting("report")
        let original = try #require(state.graph["report"]?["template"]?.stringValue)
        F.keys(&state, .char("3"))
        #expect(state.focus == .prompt)
        F.keys(&state, .char("i"))
        #expect(state.promptEditor.current?.editing == true)
        F.type(&state, "Hi ")
        #expect(state.graph["report"]?["template"]?.stringValue == original, "nothing is written while typing")
        #expect(state.editing.history.undo.isEmpty)
        let effects = F.keys(&state, .escape)
        #expect(F.names(effects) == ["validate"])
        #expect(state.promptEditor.current?.editing == false)
        #expect(state.editing.history.undo.count == 1)
        let edited = try #require(state.graph["report"]?["template"]?.stringValue)
        #expect(edited != original)
        #expect(edited.contains("Hi "))
        #expect(edited.replacingOccurrences(of: "Hi ", with: "") == original)
        F.keys(&state, .char("u"))
        #expect(state.graph["report"]?["template"]?.stringValue == original)
        #expect(state.message?.text == "Undid: edit `report.template`")
    }

    @Test func promptEditWithoutChangesRecordsNothing() throws {
        var state = try Self.selecting("report")
        F.keys(&state, .char("3"), .enter)
        #expect(state.promptEditor.current?.editing == true)
        #expect(F.keys(&state, .escape).isEmpty)
        #expect(state.editing.history.undo.isEmpty)
    }

    @Test func promptEditOnANodeWithoutAPromptWarns() throws {
        var store = TestStore(try Self.selecting("stats"))
        store.send(.prompt(.edit), says: .warning)
    }

    @Test func saveWhileEditingCommitsThePrompt() throws {
        var state = try Self.selecting("report")
        F.keys(&state, .char("3"), .char("i"))
        F.type(&state, "X")
        let effects = F.keys(&state, .ctrl("s"))
        #expect(F.names(effects) == ["validate", "save"])
        guard case .save(let graph, _, _, _)? = effects.last else { return }
        #expect(graph["report"]?["template"]?.stringValue?.contains("X") == true)
        #expect(state.promptEditor.current?.editing == true, "saving keeps the editor open")
    }

    @Test func externalEditorEditsThePrompt() throws {
        var state = try Self.selecting("report")
        F.keys(&state, .char("3"))
        let effects = F.keys(&state, .char("e"))
        guard case .externalEditor(let text, let node, let field)? = effects.first else {
            Issue.record("no editor")
            return
        }
        #expect(node == "report" && field == "template")
        #expect(text == state.graph["report"]?["template"]?.stringValue)

        // Unchanged text is no edit.
        var store = TestStore(state)
        store.send(.prompt(.report(.externalEditFinished(node: node, field: field, text: text))), says: .info)
        // A cancelled editor (nil) is nothing.
        store.send(.prompt(.report(.externalEditFinished(node: node, field: field, text: nil))))
        state = store.state

        let done = AppReducer.reduce(
            &state, .prompt(.report(.externalEditFinished(node: node, field: field, text: "{{s.words}} words."))))
        #expect(F.names(done) == ["validate"])
        #expect(state.graph["report"]?["template"] == "{{s.words}} words.")
        #expect(state.promptEditor.current?.editor.text == "{{s.words}} words.")
        F.keys(&state, .char("u"))
        #expect(state.graph["report"]?["template"]?.stringValue == text)
    }

    @Test func externalEditorWithoutAPromptWarns() throws {
        var store = TestStore(try Self.selecting("stats"))
        store.setUp { $0.focus = .prompt }
        store.press(.char("e"), says: .warning)
    }

    @Test func gotoShowsTheNodesPrompt() throws {
        var state = try F.textStatsState()
        F.find(&state, "report")
        _ = AppReducer.reduce(&state, .command("goto warning"))
        #expect(state.editing.selection == "warning")
        #expect(state.promptEditor.current?.node == "warning", ":goto follows the selection like moves and find")
    }

    @Test func promptPaneScrolls() throws {
        var state = try Self.selecting("report")
        F.keys(&state, .char("3"), .char("j"))
        #expect(state.promptEditor.current?.editor.scroll == 1)
        F.keys(&state, .char("k"), .char("k"))
        #expect(state.promptEditor.current?.editor.scroll == 0)
    }
}
