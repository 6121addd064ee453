import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Editing inside an entered sub-graph (issue 16, item 5): the edit changes the sub-graph's own
/// file (saved at once), the graph being edited stays as it is, one undo puts the file back, and
/// the status line warns when other graphs of the project include that file.
@Suite struct SubgraphEditTests {
    typealias F = AppFixtures

    static let body = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          shout: { kind: template, template: 'Loud: {{item}}' }
          out: { kind: output }
        wires:
          - item -> shout.item
          - shout.text -> out

        """

    static let outer = """
        patchbay: 1
        nodes:
          words: { kind: input, type: array }
          each: { kind: map, graph: lib/body.graph.yaml }
          all: { kind: output }
        wires:
          - words -> each.items
          - each.results -> all

        """

    static let bodyPath = "/tmp/p/lib/body.graph.yaml"

    /// The outer graph with `each` entered (as the runner reports it opened).
    static func entered(sharedWith: [String] = []) throws -> AppState {
        var state = F.state(try F.graph(outer), path: "/tmp/p/outer.graph.yaml")
        state.editing.selection = "each"
        #expect(F.names(F.keys(&state, .enter)) == ["openSubgraph"])
        _ = AppReducer.reduce(
            &state,
            .editing(
                .report(
                    .subgraphOpened(
                        node: "each", graph: try F.graph(body), path: bodyPath, sharedWith: sharedWith))))
        return state
    }

    @Test func aPromptEditedInsideIsSavedToItsOwnFileAndOneUndoPutsItBack() throws {
        var state = try Self.entered()
        let outer = state.graph
        let body = state.shownGraph
        state.editing.selection = "shout"
        _ = AppReducer.reduce(&state, .perform(.editPrompt))
        #expect(state.promptEditor.current?.node == "shout" && state.promptEditor.current?.editing == true)
        F.type(&state, "Very ")
        let effects = F.keys(&state, .escape)

        var changed = body
        changed.nodes[changed.index(of: "shout")!].fields["template"] = "Very Loud: {{item}}"
        let file = SubgraphEdit(path: Self.bodyPath, graph: changed, previous: body)
        #expect(effects.first == .saveSubgraphs([file]))
        #expect(F.names(effects) == ["saveSubgraphs", "validate"])
        #expect(state.graph == outer, "the graph being edited does not change")
        #expect(state.shownGraph == changed)
        #expect(state.editing.history.undo.count == 1)
        #expect(state.message?.text == "Edit `shout.template` in body.graph.yaml, saved (u undoes it)")
        #expect(state.message?.level == .info)

        // Undo waits for the text the runner read, then puts it back and shows the body as it was.
        var store = TestStore(state)
        store.press(.char("u"), says: .warning)
        let read = SubgraphEdit(path: Self.bodyPath, graph: changed, before: Self.body, previous: body)
        _ = AppReducer.reduce(&state, .editing(.report(.subgraphsSaved([read], failed: nil))))
        #expect(F.keys(&state, .char("u")).first == .restoreSubgraphs([read]))
        #expect(state.shownGraph == body)
        #expect(state.graph == outer)
        #expect(state.editing.history.undo.isEmpty)
        #expect(state.promptEditor.current?.editor.text == "Loud: {{item}}")
        #expect(F.keys(&state, .ctrl("r")).first == .saveSubgraphs([read]))
        #expect(state.shownGraph == changed)
    }

    /// `e` (`$EDITOR`) and `:set` (as `E` sets a field) edit the sub-graph's node the same way.
    @Test func theExternalEditorAndSetFieldEditInsideToo() throws {
        var state = try Self.entered()
        state.editing.selection = "shout"
        state.focus = .prompt
        let asked = F.keys(&state, .char("e"))
        #expect(asked == [.externalEditor(text: "Loud: {{item}}", node: "shout", field: "template")])
        let effects = AppReducer.reduce(
            &state, .prompt(.report(.externalEditFinished(node: "shout", field: "template", text: "Hi {{item}}"))))
        #expect(F.names(effects) == ["saveSubgraphs", "validate"])
        #expect(state.shownGraph["shout"]?["template"] == "Hi {{item}}")
        #expect(state.graph == (try F.graph(Self.outer)))

        _ = AppReducer.reduce(&state, .command("set template Bye {{item}}"))
        #expect(state.shownGraph["shout"]?["template"] == "Bye {{item}}")
        #expect(state.editing.history.undo.map(\.subgraphs.count) == [1, 1])
        #expect(state.editing.history.undo.last?.label == "set `shout.template` in body.graph.yaml")
    }

    @Test func otherEditsWorkInsideToo() throws {
        var state = try Self.entered()
        state.editing.selection = "shout"
        // What the runner reports after each save: the text it replaced, for undo.
        func saved(_ effects: [Effect]) {
            guard case .saveSubgraphs(let files)? = effects.first else {
                Issue.record("no save: \(effects)")
                return
            }
            let read = files.map {
                var file = $0
                file.before = "text"
                return file
            }
            _ = AppReducer.reduce(&state, .editing(.report(.subgraphsSaved(read, failed: nil))))
        }
        let effects = F.keys(&state, .char("y"))
        #expect(F.names(effects) == ["saveSubgraphs", "validate"])
        saved(effects)
        #expect(state.shownGraph["shout2"] != nil && state.editing.selection == "shout2")
        #expect(state.graph == (try F.graph(Self.outer)))
        saved(F.keys(&state, .char("d")))
        #expect(state.shownGraph["shout2"] == nil)
        #expect(state.editing.history.undo.count == 2)
        // Leaving the sub-graph: undo still puts its file back, and selects nothing that is not shown.
        F.keys(&state, .escape)
        #expect(state.editing.scope.isEmpty && state.editing.selection == "each")
        #expect(F.names(F.keys(&state, .char("u"))).first == "restoreSubgraphs")
        #expect(state.editing.selection == "each")
    }

    @Test func theStatusLineNamesTheOtherGraphsThatIncludeTheFile() throws {
        var state = try Self.entered(sharedWith: ["report.graph.yaml"])
        #expect(state.message?.level == .warning)
        #expect(
            state.message?.text
                == "Inside `each`: body.graph.yaml is also used by report.graph.yaml; edits change it there too (Esc goes back)"
        )
        state.editing.selection = "out"
        F.keys(&state, .char("d"))
        #expect(state.message?.level == .warning)
        #expect(
            state.message?.text
                == "Delete node `out` in body.graph.yaml, saved (u undoes it); also used by report.graph.yaml")
    }

    /// `b` inside a sub-graph breaks before that node in every item (its path), and the graph
    /// marks it there; the prompt pane knows the node's ports.
    @Test func aBreakpointInsideIsOnTheNodesPath() throws {
        var state = try Self.entered()
        state.editing.selection = "shout"
        #expect(F.keys(&state, .char("b")) == [.setBreakpoint("each/shout", on: true)])
        #expect(state.run.breakpoints == ["each/shout"])
        #expect(Screen().render(state).text.contains("◉"))
        #expect(Screen.ports(of: "shout", state) == ["item"])
        // `t` runs to the node's path too (the run form asks for the inputs first).
        F.keys(&state, .char("t"))
        guard case .form(_, purpose: .runInputs(let mode))? = state.popups.stack.last else {
            Issue.record("no run form: \(state.popups.stack)")
            return
        }
        #expect(mode == .runTo("each/shout"))
        F.keys(&state, .escape, .escape)
        #expect(Screen().render(state).text.contains("◉"), "marked on `each` outside")
    }

    /// The project scan itself, on real files: only graphs that name the same file, from any folder.
    @Test func subgraphUsersFindsTheGraphsIncludingAFile() throws {
        let folder = try F.tempDirectory()
        let lib = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try Self.body.write(to: lib.appendingPathComponent("body.graph.yaml"), atomically: true, encoding: .utf8)
        try Self.outer.write(
            to: folder.appendingPathComponent("outer.graph.yaml"), atomically: true, encoding: .utf8)
        try Self.outer.replacingOccurrences(of: "kind: map", with: "kind: graph").write(
            to: folder.appendingPathComponent("report.graph.yaml"), atomically: true, encoding: .utf8)
        try Self.outer.replacingOccurrences(of: "lib/body.graph.yaml", with: "body.graph.yaml").write(
            to: lib.appendingPathComponent("twice.graph.yaml"), atomically: true, encoding: .utf8)
        try Self.outer.replacingOccurrences(of: "lib/body.graph.yaml", with: "lib/other.graph.yaml").write(
            to: folder.appendingPathComponent("unrelated.graph.yaml"), atomically: true, encoding: .utf8)
        let outerPath = folder.appendingPathComponent("outer.graph.yaml").path
        let users = SubgraphUsers.of(
            lib.appendingPathComponent("body.graph.yaml").path, except: outerPath, root: outerPath)
        #expect(users == ["lib/twice.graph.yaml", "report.graph.yaml"])
    }

    /// The whole path on real files: enter the map, edit the body's template, the body's file
    /// changes and the parent's does not; `u` puts the body's text back.
    @Test func headlessEditInsideAMapBody() async throws {
        let folder = try F.tempDirectory()
        let lib = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        let bodyPath = lib.appendingPathComponent("body.graph.yaml").path
        let outerPath = folder.appendingPathComponent("outer.graph.yaml").path
        try Self.body.write(toFile: bodyPath, atomically: true, encoding: .utf8)
        try Self.outer.write(toFile: outerPath, atomically: true, encoding: .utf8)
        try Self.outer.replacingOccurrences(of: "kind: map", with: "kind: graph").write(
            toFile: folder.appendingPathComponent("report.graph.yaml").path, atomically: true, encoding: .utf8)
        let document = try F.load(outerPath)
        let workbench = HeadlessWorkbench(
            F.setup(document.graph, path: outerPath, fingerprint: document.fingerprint), width: 120, height: 40,
            now: F.now)
        await workbench.settle()
        await ScreenSnapshotTests.find(workbench, "each")
        await workbench.press(.enter)
        #expect(await workbench.wait { !$0.editing.scope.isEmpty })
        #expect(workbench.state.message?.text.contains("also used by report.graph.yaml") == true)
        await ScreenSnapshotTests.find(workbench, "shout")
        await workbench.send(.perform(.editPrompt))
        await workbench.type("Very ")
        await workbench.press(.escape)
        #expect(await workbench.wait { $0.editing.history.undo.last?.subgraphs.first?.before != nil })
        let saved = try String(contentsOfFile: bodyPath, encoding: .utf8)
        #expect(saved == Self.body.replacingOccurrences(of: "'Loud", with: "'Very Loud"), "\(saved)")
        #expect(try String(contentsOfFile: outerPath, encoding: .utf8) == Self.outer)
        await workbench.press(.char("u"))
        #expect(await workbench.wait { _ in (try? String(contentsOfFile: bodyPath, encoding: .utf8)) == Self.body })
        #expect(workbench.state.shownGraph["shout"]?["template"] == "Loud: {{item}}")
        await workbench.shutdown()
    }

    /// A body file changed on disk after it was opened is not overwritten by an edit inside it:
    /// the edit is refused, the sub-graph shows what it showed, and nothing is left to undo.
    @Test func aBodyChangedOnDiskIsNotOverwritten() async throws {
        let folder = try F.tempDirectory()
        let bodyPath = folder.appendingPathComponent("lib/body.graph.yaml").path
        let outerPath = folder.appendingPathComponent("outer.graph.yaml").path
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try Self.body.write(toFile: bodyPath, atomically: true, encoding: .utf8)
        try Self.outer.write(toFile: outerPath, atomically: true, encoding: .utf8)
        let document = try F.load(outerPath)
        let workbench = HeadlessWorkbench(
            F.setup(document.graph, path: outerPath, fingerprint: document.fingerprint), width: 120, height: 40,
            now: F.now)
        await workbench.settle()
        await ScreenSnapshotTests.find(workbench, "each")
        await workbench.press(.enter)
        #expect(await workbench.wait { !$0.editing.scope.isEmpty })
        let elsewhere = Self.body.replacingOccurrences(of: "'Loud", with: "'Changed elsewhere")
        try elsewhere.write(toFile: bodyPath, atomically: true, encoding: .utf8)

        await ScreenSnapshotTests.find(workbench, "item")
        await workbench.press(.char("d"))
        #expect(await workbench.wait { $0.message?.level == .error })
        #expect(
            workbench.state.message?.text
                == "body.graph.yaml changed on disk since it was opened: it was not changed (Esc, then Enter reads it again)"
        )
        #expect(try String(contentsOfFile: bodyPath, encoding: .utf8) == elsewhere)
        #expect(workbench.state.shownGraph == (try F.graph(Self.body)))
        #expect(workbench.state.editing.history.undo.isEmpty)
        await workbench.shutdown()
    }
}
