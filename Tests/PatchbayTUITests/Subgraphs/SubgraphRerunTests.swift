import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// R and F inside an entered sub-graph (issue 16, item 5): both re-run from the node's path
/// (`each/shout`, in every item; the engine re-runs top-level steps alone only, so R does what F
/// does) and say so; and the "also used by" warning names a second node of the same graph naming
/// the file.
@Suite struct SubgraphRerunTests {
    typealias F = AppFixtures

    static let outer = """
        patchbay: 1
        nodes:
          words: { kind: input, type: array }
          each: { kind: map, graph: lib/body.graph.yaml }
          again: { kind: map, graph: ./lib/../lib/body.graph.yaml }
          other: { kind: map, graph: lib/other.graph.yaml }
          all: { kind: output }
        wires:
          - words -> each.items
          - words -> again.items
          - words -> other.items
          - each.results -> all

        """

    static func entered() throws -> AppState {
        var state = F.state(try F.graph(outer), path: "/tmp/p/outer.graph.yaml")
        state.editing.selection = "each"
        #expect(F.names(F.keys(&state, .enter)) == ["openSubgraph"])
        _ = AppReducer.reduce(
            &state,
            .editing(
                .report(
                    .subgraphOpened(
                        node: "each", graph: try F.graph(SubgraphEditTests.body),
                        path: SubgraphEditTests.bodyPath, sharedWith: ["report.graph.yaml"]))))
        state.editing.selection = "shout"
        return state
    }

    @Test(arguments: [Character("R"), "F"])
    func insideItReRunsTheEnclosingNodeAndSaysSo(key: Character) throws {
        var state = try Self.entered()
        let effects = F.keys(&state, .char(key))
        guard case .startRun(let graph, _, let mode, _)? = effects.last else {
            Issue.record("no run started: \(effects)")
            return
        }
        #expect(mode == .rerunFrom("each/shout"), "the node's path, not `shout`, which names no top-level node")
        #expect(graph == state.graph)
        #expect(state.message?.text == "Re-running from `each/shout` in every item, and what depends on `each`")
        #expect(state.message?.level == .info)
        #expect(state.popups.stack.isEmpty, "a re-run takes the last inputs, as F outside does")
    }

    @Test func insideAGraphNodeThereAreNoItemsToName() throws {
        var state = F.state(
            try F.graph(Self.outer.replacingOccurrences(of: "each: { kind: map", with: "each: { kind: graph")),
            path: "/tmp/p/outer.graph.yaml")
        state.editing.selection = "each"
        F.keys(&state, .enter)
        _ = AppReducer.reduce(
            &state,
            .editing(
                .report(
                    .subgraphOpened(
                        node: "each", graph: try F.graph(SubgraphEditTests.body), path: SubgraphEditTests.bodyPath))))
        state.editing.selection = "out"
        F.keys(&state, .char("F"))
        #expect(state.message?.text == "Re-running from `each/out`, and what depends on `each`")
    }

    @Test func outsideRStillReRunsTheNodeAlone() throws {
        var state = F.state(try F.graph(Self.outer), path: "/tmp/p/outer.graph.yaml")
        state.editing.selection = "each"
        #expect(F.keys(&state, .char("R")).isEmpty)
        #expect(state.message?.text == "`each` has not run yet: run the graph first")
        #expect(
            F.keys(&state, .char("F")).last.map { effect in
                if case .startRun(_, _, .rerunFrom("each"), _) = effect { true } else { false }
            } == true)
    }

    /// `f` on a trace step inside a map forks from its node path in every item (the steps before
    /// it reused), as F inside does; a top-level step or a tool loop's turn forks its top-level node.
    @Test(arguments: [
        ("each[1]/shout", RunMode.forkFrom(Self.ran, "each/shout")),
        ("each", RunMode.fork(Self.ran, StepPath(parsing: "each"))),
        ("each[1]/shout/turn[1]", RunMode.fork(Self.ran, StepPath(parsing: "each[1]/shout/turn[1]"))),
    ])
    func fFromAStepInsideAMapForksFromItsNodePath(step: String, expected: RunMode) throws {
        var state = F.state(try F.graph(Self.outer), path: "/tmp/p/outer.graph.yaml")
        _ = AppReducer.reduce(&state, .command("layout debug"))
        F.keys(&state, .char("2"))
        #expect(state.focus == .trace)
        state.run.steps = Self.ran.steps
        state.run.history = [Self.ran]
        let index = try #require(Self.ran.steps.firstIndex { $0.path.description == step })
        state.run.traceSelection = index
        let effects = F.keys(&state, .char("f"))
        #expect(F.startRun(in: effects)?.mode == expected)
        if case .forkFrom = expected {
            #expect(state.message?.text == "Re-running from `each/shout` in every item, and what depends on `each`")
        }
    }

    static let ran = RunResult(
        runID: "r1", status: .succeeded, outputs: [:],
        steps: [
            ("words", NodeKind.input), ("each[0]/shout", .template), ("each[1]/shout", .llm),
            ("each[1]/shout/turn[1]", .llm), ("each", .map), ("all", .output),
        ].enumerated().map { id, step in
            // AppFixtures.path reads no item indices.
            var made = F.step(id + 1, step.0, step.1)
            made.path = StepPath(parsing: step.0)
            return made
        }, error: nil)

    @Test func whileARunIsActiveItRefuses() throws {
        var state = try Self.entered()
        state.run.active = true
        #expect(F.keys(&state, .char("F")).isEmpty)
        #expect(state.message?.text == "A run is in progress: continue (c), or cancel it (C-c)")
    }

    @Test func anotherNodeOfTheSameGraphNamingTheFileIsAUser() throws {
        var state = try Self.entered()
        #expect(state.editing.scope.last?.sharedWith == ["node `again` of this graph", "report.graph.yaml"])
        #expect(
            state.message?.text
                == "Inside `each`: body.graph.yaml is also used by node `again` of this graph, report.graph.yaml; edits change it there too (Esc goes back)"
        )
        state.editing.selection = "out"
        F.keys(&state, .char("d"))
        #expect(
            state.message?.text
                == "Delete node `out` in body.graph.yaml, saved (u undoes it); also used by node `again` of this graph, report.graph.yaml"
        )
    }

    @Test func siblingsResolveEachNameFromTheParentsFolder() throws {
        let parent = try F.graph(Self.outer)
        #expect(
            SubgraphUsers.siblings(of: "each", in: parent, parentPath: "/tmp/p/outer.graph.yaml") == [
                "node `again` of this graph"
            ])
        #expect(SubgraphUsers.siblings(of: "other", in: parent, parentPath: "/tmp/p/outer.graph.yaml").isEmpty)
        #expect(SubgraphUsers.siblings(of: "words", in: parent, parentPath: nil).isEmpty)
    }
}
