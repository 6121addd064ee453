import Foundation
import PatchbayPresentation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Time travel shows each step as it ran (issue 16, items 2 and 3): a stored run's steps show
/// the config and prompt of the graph that run ran, with a line when the graph has changed
/// since; selecting a step selects its node in the graph, which shows every status as of it.
@Suite struct TimeTravelTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    /// An llm node between an input and an output; the run's copy of it.
    static let ask = """
        patchbay: 1
        title: Ask
        nodes:
          topic: { kind: input, type: string }
          ask: { kind: llm, system: Answer in one line., prompt: 'Say something about {{topic}}.' }
          answer: { kind: output, type: string }
        wires:
          - topic -> ask.topic
          - ask.text -> answer
        """

    /// `recorded`: the llm step carries the prompt it sent, as steps recorded since v5 do.
    static func stored(_ text: String = ask, recorded: Bool = true) -> StoredRun {
        var asked = F.step(1, "ask", .llm, inputs: ["topic": "rain"], outputs: ["text": "Rain is wet."])
        if recorded {
            asked.prompt = [
                "messages": [
                    ["role": "system", "content": "Answer in one line."],
                    ["role": "user", "content": "Say something about rain."],
                ]
            ]
        }
        let steps = [
            F.step(0, "topic", .input, inputs: ["value": "rain"], outputs: ["value": "rain"]), asked,
            F.step(2, "answer", .output, inputs: ["value": "Rain is wet."], outputs: ["value": "Rain is wet."]),
        ]
        return StoredRun(
            summary: H.summary(3, minutesAgo: 5, steps: 3, executed: 3), inputs: ["topic": "rain"], outputs: [:],
            error: nil, graphText: text, steps: steps)
    }

    /// The graph being edited: `ask`'s prompt changed since the stored run.
    static func edited(layout: String = "history", width: Int = 120, height: Int = 40) throws -> AppState {
        let now = ask.replacingOccurrences(of: "Say something about", with: "Tell me about")
        var setup = F.setup(try F.graph(now), path: "/p/ask.graph.yaml", layoutName: layout)
        setup.inputs = ["topic": "rain"]
        var state = setup.initialState(width: width, height: height, now: F.now)
        state.runHistory.available = true
        return state
    }

    @Test func aStoredStepShowsTheConfigAndPromptItRanWithAndThatTheGraphChanged() throws {
        var state = try Self.edited()
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(Self.stored(), focus: "ask"))))
        let content = Screen.inspectorContent(state)
        #expect(content.header.notice == "graph changed since this run (edited 1 node: ask)")
        let config = try #require(content.section("config"))
        #expect(config.title == "Config (as run)")
        #expect(config.blocks == [.values(try #require(F.graph(Self.ask)["ask"]).fields)])
        let sent = try #require(content.section("sent"))
        #expect(
            sent.blocks == [
                .text("system", .dim), .text("Answer in one line.", .plain), .text("user", .dim),
                .text("Say something about rain.", .plain),
            ])
        let screen = Screen().render(state).text
        #expect(screen.contains("graph changed since this run"))
        #expect(screen.contains("Say something about rain."))
        #expect(!screen.contains("Tell me about"))
    }

    @Test func anUnchangedGraphHasNoNoticeAndAStoredTextThatDoesNotReadFallsBack() throws {
        var state = try Self.edited()
        state.editing.document.graph = try F.graph(Self.ask)
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(Self.stored(), focus: "ask"))))
        #expect(Screen.inspectorContent(state).header.notice == nil)

        _ = AppReducer.reduce(
            &state, .history(.report(.runOpened(Self.stored("nodes: [", recorded: false), focus: "ask"))))
        #expect(state.runHistory.shown?.graph == nil)
        let content = Screen.inspectorContent(state)
        #expect(content.section("config")?.title == "Config", "the graph being edited, titled as before")
        #expect(content.section("sent") == nil, "no prompt is rendered from a graph that may not be what ran")
    }

    @Test func aSessionRunsStepShowsTheGraphItStartedWith() throws {
        var state = F.state(try F.graph(Self.ask))
        let steps = Self.stored().steps
        F.apply(&state, [.runStarted(runID: "r", plan: ["topic", "ask", "answer"])] + steps.map { .nodeFinished($0) })
        #expect(state.runHistory.sessionGraph == state.graph)
        state.run.traceSelection = 1
        #expect(Screen.inspectorContent(state).header.notice == nil)
        #expect(Screen.inspectorContent(state).section("config")?.title == "Config")
        // The prompt is edited after the run: the step still shows what it ran with.
        state.editing.document.graph = try Self.edited().graph
        let content = Screen.inspectorContent(state)
        #expect(content.header.notice == "graph changed since this run (edited 1 node: ask)")
        #expect(content.section("config")?.title == "Config (as run)")
        #expect(content.section("sent")?.blocks.last == .text("Say something about rain.", .plain))
    }

    @Test func movingInTheTraceSelectsTheStepsNodeAndShowsStatusesAsOfIt() throws {
        var state = try Self.edited(layout: "debug")
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(Self.stored(), focus: nil))))
        #expect(state.run.traceSelection == 2)
        #expect(state.editing.selection == "answer")
        state.focus = .trace
        F.keys(&state, .char("k"))
        #expect(state.run.traceSelection == 1)
        #expect(state.editing.selection == "ask")
        #expect(state.promptEditor.current?.node == "ask", "the prompt pane follows the graph's selection")
        #expect(state.run.shownStatuses == ["topic": .done, "ask": .done])
        F.keys(&state, .home)
        #expect(state.editing.selection == "topic")
        #expect(state.run.shownStatuses == ["topic": .done])
        // Esc leaves the step: the graph shows the run's statuses again, the selection stays.
        F.keys(&state, .escape)
        #expect(state.run.traceSelection == nil)
        #expect(state.run.shownStatuses == state.run.statuses)
        #expect(state.editing.selection == "topic")
    }

    @Test func aStepInsideASubgraphSelectsItsTopLevelNodeWhichWasRunning() throws {
        var state = F.state(try F.graph(Self.ask))
        let inner = StepPath([.init(node: "ask", index: 0), .init(node: "turn", index: 0)])
        state.run.steps = [
            F.step(0, "topic", .input),
            Step(id: 1, path: inner, kind: .llm, status: .succeeded, startedAt: F.now, duration: 0.1),
            F.step(2, "ask", .llm), F.step(3, "answer", .output),
        ]
        state.focus = .trace
        state.layoutName = "debug"
        TraceFollow.select(&state, 1)
        #expect(state.editing.selection == "ask")
        #expect(state.run.shownStatuses == ["topic": .done, "ask/turn": .done, "ask": .running])
        TraceFollow.select(&state, 2)
        #expect(state.run.shownStatuses["ask"] == .done)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func aStoredStepAfterAnEdit(width: Int, height: Int) throws {
        var state = try Self.edited(layout: "debug", width: width, height: height)
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(Self.stored(), focus: "ask"))))
        state.message = nil
        let screen = Screen().render(state)
        // The output node has not run as of `ask`.
        #expect(screen.text.contains("○ answer"))
        Snapshot.expect(screen, named: "timetravel-step-\(width)x\(height)")
    }
}
