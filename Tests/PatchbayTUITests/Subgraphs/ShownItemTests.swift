import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Which map item or loop pass an entered sub-graph shows (issue 16, item 5): `[` and `]` step
/// through them, `#` lists them; the graph's statuses, the inspector's step, the pane title and
/// time travel follow the item chosen.
@Suite struct ShownItemTests {
    typealias F = AppFixtures
    typealias S = SubgraphEditTests

    /// `each` entered after a run over a, b, c in which item 2 (b) failed.
    static func afterARun(width: Int = 120, height: Int = 40) throws -> AppState {
        var state = try S.entered()
        state.width = width
        state.height = height
        func step(_ id: Int, _ path: String, _ kind: NodeKind, _ value: String, _ status: Step.Status = .succeeded)
            -> Step
        {
            var step = F.step(
                id, "x", kind, status, inputs: kind == .input ? [:] : ["item": .string(value)],
                outputs: kind == .input ? ["value": .string(value)] : ["text": .string("Loud: \(value)")])
            step.path = StepPath(parsing: path)
            return step
        }
        var map = F.step(6, "each", .map, .failed, inputs: ["items": ["a", "b an item with a rather long text", "c"]])
        map.path = StepPath(parsing: "each")
        state.run.steps = [
            step(0, "each[0]/item", .input, "a"), step(1, "each[0]/shout", .template, "a"),
            step(2, "each[1]/item", .input, "b an item with a rather long text"),
            step(3, "each[1]/shout", .template, "b", .failed),
            step(4, "each[2]/item", .input, "c"), step(5, "each[2]/shout", .template, "c"), map,
        ]
        for step in state.run.steps { state.run.statuses[step.path.nodePath] = NodeStatus(step.status) }
        state.editing.selection = "shout"
        state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        return state
    }

    /// `[` and `]` (the keys: WorkbenchSubgraphTests).
    static func press(_ state: inout AppState, _ moves: ItemMove...) {
        for move in moves { _ = AppReducer.reduce(&state, .run(.showItem(move))) }
    }

    /// `#`.
    static func choose(_ state: inout AppState) {
        _ = AppReducer.reduce(&state, .run(.chooseItem))
    }

    @Test func bracketsStepThroughTheItemsAndEverythingFollows() throws {
        var state = try Self.afterARun()
        #expect(state.shownItemTitle == "item 3/3, latest")
        #expect(state.shownStep(of: "shout")?.outputs["text"] == "Loud: c")
        #expect(state.shownGraphStatuses["each/shout"] == .done, "the latest step's status")

        Self.press(&state, .previous)
        #expect(state.editing.scope.last?.item == 1)
        #expect(state.shownItemTitle == "item 2/3")
        #expect(state.shownStep(of: "shout")?.status == .failed)
        #expect(state.shownGraphStatuses["each/shout"] == .failed)
        #expect(state.message?.text == "Showing item 2 of 3 (# lists them)")

        Self.press(&state, .previous)
        #expect(state.shownItemTitle == "item 1/3")
        #expect(state.shownStep(of: "shout")?.outputs["text"] == "Loud: a")
        #expect(state.shownGraphStatuses["each/shout"] == .done)
        #expect(Screen.inspectorContent(state).header.status == .done)
        #expect(PromptEditorReducer.previewInputs(state) == ["item": "a"])

        Self.press(&state, .previous)
        #expect(state.editing.scope.last?.item == 0)
        #expect(state.message?.text == "This is the first item (] shows the next)")
        Self.press(&state, .next, .next)
        #expect(state.shownItemTitle == "item 3/3")
        Self.press(&state, .next)
        #expect(state.message?.text == "This is the last item ([ shows the previous)")
    }

    @Test func theListNamesEachItemAndChoosingOneShowsIt() throws {
        var state = try Self.afterARun()
        Self.choose(&state)
        let list = try #require(F.choice(state))
        #expect(list.title == "Show which item of `each`")
        #expect(list.items.map(\.title) == ["item 1 of 3", "item 2 of 3", "item 3 of 3"])
        #expect(list.items.map(\.detail) == ["passed · a", "failed · b an item with a rather…", "passed · c"])
        #expect(list.selectedItem?.id == "3", "it opens on the item shown, the latest")
        F.choose(&state, "2")
        #expect(state.popups.stack.isEmpty)
        #expect(state.shownItemTitle == "item 2/3")
        #expect(state.shownStep(of: "shout")?.status == .failed)
    }

    /// Time travel: a selected trace step inside the map moves to the same node's step in the
    /// item shown, and the statuses are as of it.
    @Test func theTraceSelectionFollowsTheItem() throws {
        var state = try Self.afterARun()
        state.run.traceSelection = 5
        Self.press(&state, .previous)
        #expect(state.run.traceSelection == 3)
        Self.press(&state, .previous)
        #expect(state.run.traceSelection == 1)
        #expect(state.shownGraphStatuses == ["each/item": .done, "each/shout": .done])
    }

    @Test func outsideAMapOrLoopTheKeysSaySo() throws {
        var state = F.state(try F.graph(S.outer), path: "/tmp/p/outer.graph.yaml")
        Self.press(&state, .next)
        #expect(state.message?.text.hasPrefix("[ ] and # choose the item shown inside a map or loop") == true)
        state = try S.entered()
        Self.choose(&state)
        #expect(state.message?.text == "No item of `each` has run yet")
        #expect(state.popups.stack.isEmpty)
    }

    /// In a loop they are passes.
    @Test func aLoopShowsPasses() throws {
        var state = F.state(
            try F.graph(S.outer.replacingOccurrences(of: "kind: map", with: "kind: loop")),
            path: "/tmp/p/outer.graph.yaml")
        state.editing.selection = "each"
        F.keys(&state, .enter)
        _ = AppReducer.reduce(
            &state,
            .editing(.report(.subgraphOpened(node: "each", graph: try F.graph(S.body), path: S.bodyPath))))
        for pass in 0..<2 {
            var step = F.step(pass, "x", .template, outputs: ["text": .string("pass \(pass)")])
            step.path = StepPath(parsing: "each[\(pass)]/shout")
            state.run.steps.append(step)
        }
        #expect(state.shownItemTitle == "pass 2/2, latest")
        Self.press(&state, .previous)
        #expect(state.shownItemTitle == "pass 1/2")
        #expect(state.message?.text == "Showing pass 1 of 2 (# lists them)")
        #expect(state.shownStep(of: "shout")?.outputs["text"] == "pass 0")
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func theChooserPopup(width: Int, height: Int) throws {
        var state = try Self.afterARun(width: width, height: height)
        Self.press(&state, .previous)
        Self.choose(&state)
        Snapshot.expect(Screen().render(state), named: "screen-item-chooser-\(width)x\(height)")
    }
}
