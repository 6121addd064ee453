import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// An `llm` node's tool loop read back from its steps, and where a step stands in it.
@Suite struct ConversationTests {
    typealias F = ConversationFixtures
    static let owner = StepPath(node: "agent")

    @Test func toolLoopPathsAreToldApartFromLoopItems() {
        #expect(ToolLoopPath(StepPath(parsing: "agent/turn[2]")) == .turn(owner: Self.owner, turn: 2))
        #expect(
            ToolLoopPath(StepPath(parsing: "map[3]/agent/turn[1]/call[0]:get_current_time"))
                == .call(owner: StepPath(parsing: "map[3]/agent"), turn: 1, call: 0, tool: "get_current_time"))
        #expect(ToolLoopPath(StepPath(parsing: "refine[0]/draft")) == nil)
        #expect(ToolLoopPath(StepPath(parsing: "agent")) == nil)
        // A loop node called `turn` inside a graph node: its items have children, never a step of their own.
        #expect(ToolLoopPath(StepPath(parsing: "agent/turn[0]/x")) == nil)
        #expect(ToolLoopPath(StepPath(parsing: "agent/turn[0]/call[1]")) == nil, "a call always names its tool")
    }

    @Test func traceLabelsWriteTheLoopAsWords() {
        #expect(ToolLoopPath.label(StepPath(parsing: "agent/turn[2]")) == "agent/turn 2")
        #expect(
            ToolLoopPath.label(StepPath(parsing: "agent/turn[2]/call[0]:get_current_time"))
                == "agent/turn 2/call get_current_time")
        #expect(
            ToolLoopPath.label(StepPath(parsing: "agent/turn[0]/call[0]:shout/upper"))
                == "agent/turn 0/call shout/upper")
        #expect(ToolLoopPath.label(StepPath(parsing: "refine[2]/critique")) == "refine[2]/critique")
        #expect(ToolLoopPath.label(StepPath(parsing: "agent/turn[0]/x")) == "agent/turn[0]/x")
        #expect(TraceRow(F.call0).pathText == "agent/turn 0/call get_current_time" && TraceRow(F.call0).depth == 2)
        // The tool's name is the model's: escaped like any path.
        let evil = TraceRow(running: StepPath(parsing: "agent/turn[0]/call[0]:x\u{1b}[2J"), since: F.start)
        #expect(evil.pathText == #"agent/turn 0/call x\x1b[2J"#)
        // A call the model was told failed is marked so.
        #expect(TraceRow(F.call1).status == .failed && TraceRow(F.call1).statusWord == "error")
    }

    @Test func builtFromTheTurnAndCallSteps() throws {
        let conversation = try #require(Conversation.build(owner: Self.owner, steps: F.run, nodeStep: F.node))
        #expect(conversation.prompt.map(\.role) == ["system", "user"])
        #expect(conversation.turns.map(\.text) == ["Let me check.", F.answer])
        #expect(conversation.turns[0].usage == TokenUsage(inputTokens: 52, outputTokens: 18))
        let calls = conversation.turns[0].calls
        #expect(calls.map(\.tool) == ["get_current_time", "get_weather"])
        #expect(calls[0].result == F.time && calls[0].status == .done && !calls[0].isError)
        #expect(calls[0].path == F.call0.path && calls[0].duration == 0.031)
        #expect(calls[1].isError && calls[1].status == .failed && calls[1].resultText == F.noWeather)
        #expect(conversation.turns[1].calls.isEmpty)
    }

    @Test func asOfAStepLaterStepsAreLeftOut() throws {
        // The trace's row of call 0: call 1 has not answered yet, turn 1 has not happened.
        let conversation = try #require(Conversation.build(owner: Self.owner, steps: F.run[...2]))
        #expect(conversation.turns.count == 1)
        #expect(conversation.turns[0].calls.map(\.status) == [.done, .idle])
    }

    @Test func aPausedCallShowsTheArgumentsItWillRunWith() throws {
        let steps = [F.run[0], F.turn0]
        let running: [StepPath: Date] = [Self.owner: F.start]
        let conversation = try #require(
            Conversation.build(owner: Self.owner, steps: steps, running: running, pause: F.pause))
        let call = conversation.turns[0].calls[0]
        #expect(call.status == .paused)
        #expect(call.arguments == ["timezone": "Europe/Paris"])
        #expect(conversation.turns[0].calls[1].status == .idle)
    }

    @Test func aRunningTurnShowsWhatItStreamedSoFar() throws {
        let turn1 = StepPath(parsing: "agent/turn[1]")
        let running: [StepPath: Date] = [turn1: F.start]
        var conversation = try #require(
            Conversation.build(owner: Self.owner, steps: Array(F.run[...3]), running: running))
        #expect(conversation.turns.map(\.status) == [.done, .running])
        #expect(conversation.turns[1].text.isEmpty)
        conversation = try #require(
            Conversation.build(
                owner: Self.owner, steps: Array(F.run[...3]), running: running, streaming: [turn1: "It is 14"]))
        #expect(conversation.turns[1].text == "It is 14")
    }

    @Test func withoutTurnStepsTheNodeOutputsAreRead() throws {
        let conversation = try #require(Conversation.build(owner: Self.owner, steps: [F.node], nodeStep: F.node))
        #expect(conversation.prompt.map(\.role) == ["system", "user"])
        #expect(conversation.turns.map(\.text) == ["Let me check.", F.answer])
        let calls = conversation.turns[0].calls
        #expect(calls[0].result == F.time && calls[0].resultText == F.timeText && calls[0].status == .done)
        #expect(calls[1].isError && calls[1].status == .failed)
    }

    @Test func otherNodesHaveNone() {
        #expect(Conversation.build(owner: StepPath(node: "question"), steps: F.run) == nil)
        #expect(Conversation.build(owner: StepPath(parsing: "map[1]/agent"), steps: F.run) == nil)
    }
}
