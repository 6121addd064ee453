import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Panes, layouts, the graph pane's moves and find, and scrolling the inspector.
@Suite struct ReducerViewTests {
    typealias F = AppFixtures

    // MARK: Panes

    @Test func tabAndNumbersMoveTheFocus() throws {
        var store = TestStore(try F.textStatsState())
        #expect(store.state.focus == .graph)
        store.press(.tab) { $0.focus = .inspector }
        store.press(.tab) { $0.focus = .prompt }
        store.press(.tab) { $0.focus = .graph }
        store.press(.backTab) { $0.focus = .prompt }
        store.press(.char("2")) { $0.focus = .inspector }
        store.press(.char("1")) { $0.focus = .graph }
        store.press(.char("3")) { $0.focus = .prompt }
        // No pane 9 in this layout, nor 4 to 8: nothing changes.
        store.press(.char("9"))
        for id in [ActionID.focus4, .focus5, .focus6, .focus7, .focus8] {
            store.send(.perform(id))
        }
    }

    @Test func zoomFollowsTheFocus() throws {
        var store = TestStore(try F.textStatsState())
        store.press(.char("+")) { $0.zoomed = .graph }
        store.press(.tab) {
            $0.focus = .inspector
            $0.zoomed = .inspector
        }
        store.press(.char("1")) {
            $0.focus = .graph
            $0.zoomed = .graph
        }
        store.press(.function(11)) { $0.zoomed = nil }
    }

    @Test func growAndShrinkAdjustTheSplit() throws {
        var state = try F.textStatsState()
        #expect(state.splitAdjustments.isEmpty)
        let before = Screen.solve(state).rect(of: .graph)?.width ?? 0
        F.keys(&state, .char(">"))
        #expect(!state.splitAdjustments.isEmpty)
        let grown = Screen.solve(state).rect(of: .graph)?.width ?? 0
        #expect(grown == before + 2)
        F.keys(&state, .char("<"), .char("<"))
        #expect((Screen.solve(state).rect(of: .graph)?.width ?? 0) == before - 2)
        // Switching layouts starts from the layout's own sizes.
        F.keys(&state, .char("L"))
        #expect(state.splitAdjustments.isEmpty)
    }

    @Test func nextLayoutCyclesByName() throws {
        var state = try F.textStatsState()
        let names = state.layouts.keys.sorted()
        var seen: [String] = []
        for _ in names {
            F.keys(&state, .char("L"))
            seen.append(state.layoutName)
        }
        #expect(Set(seen) == Set(names))
        #expect(state.layoutName == "default")
        #expect(state.message?.text == "Layout `default`")
    }

    @Test func switchingLayoutsKeepsTheFocusWhereItCan() throws {
        var store = TestStore(try F.textStatsState())
        store.press(.char("2")) { $0.focus = .inspector }
        store.send(.command("layout debug")) { $0.layoutName = "debug" }
        store.send(.command("layout prompt")) {
            $0.layoutName = "prompt"
            $0.focus = .prompt
        }
    }

    // MARK: Graph moves

    /// The orientation the graph pane draws the graph in.
    static func orientation(_ state: AppState) throws -> GraphLayout.Orientation {
        let pane = try #require(Screen.solve(state).rect(of: .graph))
        return GraphLayout.orientation(for: state.shownGraph, paneWidth: pane.width - 2, paneHeight: pane.height - 2)
    }

    /// l and h follow wires downstream and upstream however the graph is drawn (issue 16, item 7:
    /// drawn top to bottom, they used to step along a layer and j/k followed the wires).
    @Test(arguments: [(120, 40), (80, 24), (200, 20)])
    func movesFollowTheWires(width: Int, height: Int) throws {
        var state = try F.textStatsState(width: width, height: height)
        let keys = (down: Key.char("l"), up: Key.char("h"))
        #expect(state.editing.selection == "text")
        F.keys(&state, keys.down)
        #expect(state.editing.selection == "stats")
        F.keys(&state, keys.down)
        let next = try #require(state.editing.selection)
        #expect(["short_enough", "counts"].contains(next))
        F.keys(&state, keys.up)
        #expect(state.editing.selection == "stats")
        F.keys(&state, keys.up)
        #expect(state.editing.selection == "text")
        // Nothing upstream of an input: the selection stays.
        F.keys(&state, keys.up)
        #expect(state.editing.selection == "text")
        // Arrows do the same as letters.
        F.keys(&state, .right)
        #expect(state.editing.selection == "stats")
        F.keys(&state, .left)
        #expect(state.editing.selection == "text")
    }

    @Test func topToBottomHAndLStillFollowTheWiresAndJKStepAlongTheLayer() throws {
        var state = try F.textStatsState(width: 80, height: 24)
        #expect(try Self.orientation(state) == .topToBottom)
        F.keys(&state, .char("l"))
        #expect(state.editing.selection == "stats")
        F.keys(&state, .char("h"))
        #expect(state.editing.selection == "text")
        // j/k stay in the layer: text is alone in the first one.
        F.keys(&state, .char("j"))
        #expect(state.editing.selection == "text")
        F.find(&state, "report")
        F.keys(&state, .char("h"))
        #expect(state.editing.selection == "short_enough")
        F.keys(&state, .char("l"))
        #expect(["report", "warning"].contains(state.editing.selection ?? ""))
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func siblingsAlongALayer(width: Int, height: Int) throws {
        var state = try F.textStatsState(width: width, height: height)
        let keys = (next: Key.char("j"), previous: Key.char("k"))
        F.find(&state, "report")
        F.keys(&state, keys.next)
        var back = keys.previous
        if state.editing.selection == "report" {
            F.keys(&state, keys.previous)
            back = keys.next
        }
        #expect(state.editing.selection != "report", "report has a neighbour in its layer")
        F.keys(&state, back)
        #expect(state.editing.selection == "report")
    }

    @Test func theSelectionStaysInViewAfterADelete() throws {
        var state = try F.textStatsState(width: 80, height: 24)
        F.find(&state, "warning")
        #expect(state.editing.viewport.y > 0 || state.editing.viewport.x > 0, "warning is below the first screen")
        F.keys(&state, .char("d"))
        #expect(state.editing.selection == "text")
        let pane = try #require(Screen.solve(state).rect(of: .graph)).inset(by: 1)
        let layout = GraphLayout.make(
            state.graph,
            orientation: GraphLayout.orientation(for: state.graph, paneWidth: pane.width, paneHeight: pane.height))
        let box = try #require(layout.boxes["text"])
        let viewport = state.editing.viewport
        #expect(box.y >= viewport.y && box.maxY <= viewport.y + pane.height, "the selected node is visible")
    }

    @Test func movingSelectsThePromptOfTheNewNode() throws {
        var state = try F.textStatsState()
        #expect(state.promptEditor.current == nil, "an input node has no prompt")
        F.find(&state, "verdict")
        F.keys(&state, .char("h"))
        let selected = try #require(state.editing.selection)
        #expect(["report", "warning"].contains(selected))
        #expect(state.promptEditor.current?.node == selected)
        #expect(state.promptEditor.current?.field == "template")
    }

    @Test func enterOnANodeWithoutAGraphSaysSo() throws {
        var store = TestStore(try F.textStatsState())
        store.press(.enter, says: .info)
    }

    @Test func enterOnAGraphNodeOpensItAndEscGoesBack() throws {
        var state = F.state(
            Graph(nodes: [Node(id: "inner", kind: .graph, fields: ["graph": "lib/inner.graph.yaml"])]),
            path: "/tmp/p/main.graph.yaml")
        let effects = F.keys(&state, .enter)
        guard case .openSubgraph(let node, let file, let parent)? = effects.first else {
            Issue.record("no open")
            return
        }
        #expect(node == "inner" && file == "lib/inner.graph.yaml" && parent == "/tmp/p/main.graph.yaml")

        let inner = try F.graph(F.constant)
        _ = AppReducer.reduce(
            &state,
            .editing(.report(.subgraphOpened(node: "inner", graph: inner, path: "/tmp/p/lib/inner.graph.yaml"))))
        #expect(state.shownGraph == inner)
        #expect(state.editing.selection == "fixed")
        #expect(state.editing.scopePrefix == "inner/")
        // Editing inside changes the sub-graph's own file (SubgraphEditTests).
        #expect(F.names(F.keys(&state, .char("d"))).first == "saveSubgraphs")
        #expect(state.shownGraph["fixed"] == nil)
        F.keys(&state, .escape)
        #expect(state.editing.scope.isEmpty)
        #expect(state.editing.selection == "inner")
    }

    @Test func problemsPaneEnterSelectsTheNode() throws {
        var state = F.setup(try F.graph(F.invalid)).initialState(width: 120, height: 40, now: F.now)
        _ = AppReducer.reduce(
            &state, .editing(.report(.problems([Diagnostic(.error, "no port", node: "upper")], revision: 0))))
        state.focus = .problems
        F.keys(&state, .enter)
        #expect(state.editing.selection == "upper")
        #expect(state.focus == .graph)
    }

    // MARK: Find

    @Test func findByTyping() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("/"))
        guard case .input(_, .find)? = state.popups.stack.last else {
            Issue.record("no find line")
            return
        }
        F.type(&state, "verd")
        F.keys(&state, .enter)
        #expect(state.editing.selection == "verdict")
        #expect(state.popups.stack.isEmpty)

        var store = TestStore(state)
        store.setUp {
            F.keys(&$0, .char("/"))
            F.type(&$0, "zzz")
        }
        store.press(.enter, says: .warning) { $0.popups.stack = [] }
    }

    /// `/` finds a node from any pane (issue 16, item 7), not only from the graph pane; the
    /// focus stays where it was, and the panes there follow the selection.
    @Test func findFromAnyPane() throws {
        for pane in [PaneID.inspector, .prompt] {
            var state = try F.textStatsState()
            state.focus = pane
            F.keys(&state, .char("/"))
            guard case .input(_, .find)? = state.popups.stack.last else {
                Issue.record("no find line in \(pane)")
                continue
            }
            F.type(&state, "warn")
            F.keys(&state, .enter)
            #expect(state.editing.selection == "warning")
            #expect(state.focus == pane)
            #expect(state.promptEditor.current?.node == "warning")
        }
    }

    @Test func findMatchesKindsToo() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("/"))
        F.type(&state, "merge")
        F.keys(&state, .enter)
        #expect(state.editing.selection == "verdict")
    }

    // MARK: Inspector

    @Test func inspectorScrollsAndWraps() async throws {
        var state = try F.textStatsState()
        F.apply(&state, try await F.textStatsRun())
        _ = AppReducer.reduce(&state, .command("goto stats"))
        F.keys(&state, .char("2"))
        #expect(state.focus == .inspector)
        #expect(state.inspector.cursor == 0)
        F.keys(&state, .char("j"), .char("j"))
        #expect(state.inspector.cursor == 2)
        F.keys(&state, .char("k"))
        #expect(state.inspector.cursor == 1)
        F.keys(&state, .char("G"))
        let bottom = state.inspector.cursor
        #expect(bottom > 2)
        F.keys(&state, .home)
        #expect(state.inspector.cursor == 0)
        #expect(state.inspector.wrap)
        F.keys(&state, .char("w"))
        #expect(!state.inspector.wrap)
        // Selecting another node starts its inspector at the top.
        F.keys(&state, .char("j"), .char("1"), .char("l"))
        #expect(state.inspector.cursor == 0)
    }

    @Test func inspectorFolds() throws {
        var state = try F.textStatsState()
        let nested: JSONValue = ["words": 10, "detail": ["longest": "together.", "lengths": [8, 5, 5]]]
        F.apply(
            &state,
            [
                .runStarted(runID: "r", plan: ["text", "stats"]),
                .nodeFinished(F.step(0, "stats", .jq, inputs: ["value": "a b"], outputs: ["value": nested])),
            ])
        F.find(&state, "stats")
        F.keys(&state, .char("2"))
        #expect(state.inspector.folded.isEmpty)
        F.keys(&state, .char("Z"))
        #expect(!state.inspector.folded.isEmpty, "Z folds the nested values")
        F.keys(&state, .char("U"))
        #expect(state.inspector.folded.isEmpty)

        // Space folds the value under the cursor, and unfolds it again.
        let pane = try #require(Screen.solve(state).rect(of: .inspector)).inset(by: 1)
        let lines = Screen.inspectorLines(state, width: pane.width)
        let index = try #require(lines.firstIndex { $0.foldID != nil })
        let id = try #require(lines[index].foldID)
        for _ in 0..<index { F.keys(&state, .char("j")) }
        #expect(state.inspector.cursor == index)
        F.keys(&state, .char(" "))
        #expect(state.inspector.folded == [id])
        F.keys(&state, .char(" "))
        #expect(state.inspector.folded.isEmpty)
    }

    @Test func outputAndPreviewScroll() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("layout prompt"))
        F.keys(&state, .char("2"))
        #expect(state.focus == .preview)
        F.keys(&state, .char("j"), .char("j"), .char("k"))
        #expect(state.promptEditor.previewScroll == 1)
        F.keys(&state, .char("3"))
        #expect(state.focus == .output)
        F.keys(&state, .char("j"))
        #expect(state.outputScroll == 1)
    }
}
