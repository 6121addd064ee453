import Foundation
import PatchbayPresentation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Time travel shows what each step ran with as it was recorded (issue 16, item 2): the prompt
/// the step sent (rebuilt, and titled so, only for steps recorded before prompts were), a
/// template's rendered text, and for a step inside a sub-graph its node's config from the run's
/// copy of that file, with a line when the file has changed since.
@Suite struct RecordedPromptInspectorTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    /// each (map over body.graph.yaml) between an input and an output; the body frames each item
    /// with a template and asks about it.
    static let top = """
        patchbay: 1
        nodes:
          xs: { kind: input, type: array }
          each: { kind: map, graph: bodies/body.graph.yaml }
          out: { kind: output }
        wires:
          - xs -> each.items
          - each.results -> out
        """

    static let body = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          framed: { kind: template, template: 'About {{item}}' }
          ask: { kind: llm, prompt: 'Say {{text}}' }
          result: { kind: output }
        wires:
          - item -> framed
          - framed.text -> ask.text
          - ask.text -> result
        """

    /// A stored run of `top`: item 0's template and llm steps, the llm's prompt as recorded
    /// (with text no rendering of the graph gives: a prompted alias's instructions).
    static func stored() throws -> StoredRun {
        let sent: [String: JSONValue] = [
            "messages": [
                ["role": "system", "content": "You can call these tools:\n- shout: Says a text loudly."],
                ["role": "user", "content": "Say About rain"],
            ]
        ]
        let steps = [
            F.step(0, "xs", .input, outputs: ["value": ["rain"]]),
            Step(
                id: 1, path: StepPath(parsing: "each[0]/framed"), kind: .template, status: .succeeded,
                inputs: ["item": "rain"], outputs: ["text": "About rain"], startedAt: F.now, duration: 0.001,
                prompt: ["text": "About rain"]),
            Step(
                id: 2, path: StepPath(parsing: "each[0]/ask"), kind: .llm, status: .succeeded,
                inputs: ["text": "About rain"], outputs: ["text": "RAIN"], startedAt: F.now, duration: 0.2,
                prompt: sent),
            F.step(3, "each", .map, outputs: ["results": ["RAIN"]]),
            F.step(4, "out", .output, outputs: ["value": ["RAIN"]]),
        ]
        return StoredRun(
            summary: H.summary(3, minutesAgo: 5, steps: 5, executed: 5), inputs: ["xs": ["rain"]], outputs: [:],
            error: nil, graphText: top, steps: steps,
            subgraphs: ["bodies/body.graph.yaml": GraphCodec.encode(try F.graph(body))])
    }

    static func opened(focus: String) throws -> AppState {
        var setup = F.setup(try F.graph(top), path: "/p/gate.graph.yaml", layoutName: "history")
        setup.inputs = ["xs": ["rain"]]
        var state = setup.initialState(width: 120, height: 40, now: F.now)
        state.runHistory.available = true
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(try stored(), focus: focus))))
        return state
    }

    @Test func aStepInsideASubgraphShowsTheRecordedPromptAndItsConfigAsRun() throws {
        var state = try Self.opened(focus: "each[0]/ask")
        var content = Screen.inspectorContent(state)
        let sent = try #require(content.section("sent"))
        #expect(sent.title == "Prompt sent")
        #expect(sent.blocks.contains(.text("You can call these tools:\n- shout: Says a text loudly.", .plain)))
        #expect(sent.blocks.last == .text("Say About rain", .plain))
        let config = try #require(content.section("config"), "the sub-graph's node, from the run's copy")
        #expect(config.blocks == [.values(try #require(F.graph(Self.body)["ask"]).fields)])
        #expect(content.header.notice == nil)

        // The body file has changed since the run: the step says so, and still shows its config.
        let runID = try #require(state.runHistory.shown?.summary.id)
        _ = AppReducer.reduce(&state, .history(.report(.subgraphsChanged(runID: runID, ["bodies/body.graph.yaml"]))))
        content = Screen.inspectorContent(state)
        #expect(content.header.notice == "sub-graph changed since this run (bodies/body.graph.yaml)")
        #expect(content.section("config")?.title == "Config (as run)")
        #expect(content.section("config")?.blocks == config.blocks)
        // A report for another run changes nothing.
        _ = AppReducer.reduce(&state, .history(.report(.subgraphsChanged(runID: "other", []))))
        #expect(state.runHistory.shown?.subgraphs.changed == ["bodies/body.graph.yaml"])
    }

    @Test func aTemplateStepShowsTheTextItRendered() throws {
        let content = Screen.inspectorContent(try Self.opened(focus: "each[0]/framed"))
        let rendered = try #require(content.section("sent"))
        #expect(rendered.title == "Text rendered")
        #expect(rendered.blocks == [.text("About rain", .plain)])
        #expect(content.section("config")?.blocks == [.values(["template": "About {{item}}"])])
    }

    @Test func aStepRecordedBeforePromptsWereShowsItRebuiltAndSaysSo() throws {
        var old = try Self.stored()
        old.subgraphs = [:]
        var state = try Self.opened(focus: "xs")
        _ = AppReducer.reduce(
            &state, .history(.report(.runOpened(TimeTravelTests.stored(recorded: false), focus: "ask"))))
        let sent = try #require(Screen.inspectorContent(state).section("sent"))
        #expect(sent.title == "Prompt sent (rebuilt)")
        #expect(sent.blocks.last == .text("Say something about rain.", .plain))
        // A cached step sent nothing: its prompt is rebuilt, and titled so.
        var cached = TimeTravelTests.stored(recorded: false)
        cached.steps[1].status = .cached
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(cached, focus: "ask"))))
        #expect(Screen.inspectorContent(state).section("sent")?.title == "Prompt (not sent: cached; rebuilt)")
        // A sub-graph step of a run stored without its sub-graphs shows no config, as before.
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(old, focus: "each[0]/ask"))))
        #expect(Screen.inspectorContent(state).section("config") == nil)
        #expect(Screen.inspectorContent(state).section("sent")?.title == "Prompt sent", "its prompt was recorded")
    }

    @Test func nestedSubgraphsResolveFileByFileFromTheRunsGraph() throws {
        // each (map) → bodies/body.graph.yaml, whose `inner` (loop) → ../inner.graph.yaml, i.e.
        // inner.graph.yaml at the project's top; keys are relative to the project.
        var body = try F.graph(Self.body)
        body.nodes.append(Node(id: "inner", kind: .loop, fields: ["graph": "../inner.graph.yaml"]))
        var subgraphs = RunSubgraphs()
        subgraphs.graphs = ["bodies/body.graph.yaml": body, "inner.graph.yaml": try F.graph(Self.body)]
        let top = try F.graph(Self.top)
        let deep = subgraphs.node(
            at: StepPath(parsing: "each[1]/inner[0]/framed"), top: top, topPath: "/home/u/proj/gate.graph.yaml")
        #expect(deep?.file == "inner.graph.yaml")
        #expect(deep?.node.fields["template"] == "About {{item}}")
        #expect(
            subgraphs.node(at: StepPath(parsing: "each[0]/ask"), top: top, topPath: nil)?.file
                == "bodies/body.graph.yaml")
        #expect(subgraphs.node(at: StepPath(parsing: "each"), top: top, topPath: nil) == nil, "a top-level step")
        #expect(subgraphs.node(at: StepPath(parsing: "each[0]/nope"), top: top, topPath: nil) == nil)
        #expect(RunSubgraphs().node(at: StepPath(parsing: "each[0]/ask"), top: top, topPath: nil) == nil)
    }

    @Test func anEditSavedInsideTheSubgraphAndItsUndoUpdateTheNotice() throws {
        var state = try Self.opened(focus: "each[0]/framed")
        let file = "/p/bodies/body.graph.yaml"
        var edited = try F.graph(Self.body)
        edited.nodes[1].fields["template"] = "Changed {{item}}"
        HistoryReducer.afterEffects(&state, [.saveSubgraphs([SubgraphEdit(path: file, graph: edited)])])
        #expect(Screen.inspectorContent(state).header.notice?.hasPrefix("sub-graph changed since this run") == true)
        // Undo writes the text before back: the same graph as the run's.
        HistoryReducer.afterEffects(
            &state, [.restoreSubgraphs([SubgraphEdit(path: file, graph: edited, before: Self.body)])])
        #expect(Screen.inspectorContent(state).header.notice == nil)
        // Another file, or no sub-graph effect, changes nothing.
        HistoryReducer.afterEffects(
            &state, [.saveSubgraphs([SubgraphEdit(path: "/p/other.graph.yaml", graph: edited)])])
        #expect(state.runHistory.shown?.subgraphs.changed.isEmpty == true)
    }

    @Test func changedSubgraphsAreFoundByReadingTheFilesNow() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pb-sub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("bodies"), withIntermediateDirectories: true)
        let file = root.appendingPathComponent("bodies/body.graph.yaml")
        let stored = try Self.stored()
        // Only reformatted: the same graph.
        try (Self.body + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(EffectRunner.changedSubgraphs(stored, root: root.path).isEmpty)
        try Self.body.replacingOccurrences(of: "Say {{text}}", with: "Tell {{text}}").write(
            to: file, atomically: true, encoding: .utf8)
        #expect(EffectRunner.changedSubgraphs(stored, root: root.path) == ["bodies/body.graph.yaml"])
        try FileManager.default.removeItem(at: file)
        #expect(EffectRunner.changedSubgraphs(stored, root: root.path) == ["bodies/body.graph.yaml"], "gone counts")
    }

    /// The session's own run (not one reopened from the runs pane) resolves its sub-graph steps
    /// from its plan's copies too: after the body file is edited, the step still shows the config
    /// it ran with, and says the file changed.
    @Test func theSessionsOwnRunShowsItsSubgraphStepsAsRun() throws {
        var state = F.setup(try F.graph(Self.top), path: "/p/gate.graph.yaml", layoutName: "history")
            .initialState(width: 120, height: 40, now: F.now)
        let file = "/p/bodies/body.graph.yaml"
        // The engine's plan names the file as it resolved it.
        _ = AppReducer.reduce(
            &state,
            .history(
                .report(
                    .sessionPlanned(
                        path: "/p/gate.graph.yaml",
                        subgraphs: ["/p/bodies/../bodies/body.graph.yaml": try F.graph(Self.body)]))
            ))
        let steps = try Self.stored().steps
        F.apply(&state, [.runStarted(runID: "r1", plan: ["xs", "each", "out"])] + steps.map { .nodeFinished($0) })
        #expect(state.runHistory.shown == nil, "the session's run, not a stored one")
        TraceFollow.select(&state, try #require(steps.firstIndex { $0.path.description == "each[0]/framed" }))
        var content = Screen.inspectorContent(state)
        #expect(content.section("config")?.blocks == [.values(["template": "About {{item}}"])])
        #expect(content.header.notice == nil)

        var edited = try F.graph(Self.body)
        edited.nodes[1].fields["template"] = "Changed {{item}}"
        HistoryReducer.afterEffects(&state, [.saveSubgraphs([SubgraphEdit(path: file, graph: edited)])])
        content = Screen.inspectorContent(state)
        #expect(content.header.notice == "sub-graph changed since this run (bodies/body.graph.yaml)")
        #expect(content.section("config")?.title == "Config (as run)")
        #expect(content.section("config")?.blocks == [.values(["template": "About {{item}}"])])
        // The next run plans the edited file: its steps show it.
        _ = AppReducer.reduce(
            &state, .history(.report(.sessionPlanned(path: "/p/gate.graph.yaml", subgraphs: [file: edited]))))
        F.apply(&state, [.runStarted(runID: "r2", plan: ["xs", "each", "out"])] + steps.map { .nodeFinished($0) })
        TraceFollow.select(&state, 1)
        content = Screen.inspectorContent(state)
        #expect(content.section("config")?.blocks == [.values(["template": "Changed {{item}}"])])
        #expect(content.header.notice == nil)
    }
}
