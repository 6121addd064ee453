import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// `SentPrompt` builds what an llm node sends as the engine does: checked against the request
/// a real run made, from the node and the inputs its step recorded.
@Suite struct SentPromptTests {
    static func asker(_ fields: [String: JSONValue]) -> Graph {
        graph(
            [node("topic", .input), node("ask", .llm, fields), node("answer", .output)],
            ["topic -> ask.topic", "ask.text -> answer"])
    }

    @Test func chatWithSystemAndExamplesIsWhatTheRunSent() async throws {
        let fields: [String: JSONValue] = [
            "system": "Answer in one word about {{topic}}.", "prompt": "Say something about {{topic}}.",
            "examples": [["inputs": ["topic": "tea"], "output": "Warm."]],
        ]
        let model = ScriptedModelProvider(answer: { _ in "Fine." })
        let result = try await runGraph(Self.asker(fields), inputs: ["topic": "rain"], models: model)
        let step = try #require(result.step("ask"))
        let sent = try SentPrompt.of(node("ask", .llm, fields), inputs: step.inputs)
        let request = try #require(model.requests.first)
        #expect(sent == ["messages": .array(request.messages.map(\.json))])
        #expect(request.messages.count == 4, "system, the example's question and answer, the prompt")
        #expect(request.messages.last?.content == "Say something about rain.")
    }

    @Test func completeModeIsThePromptWithTheExamplesBeforeIt() async throws {
        let fields: [String: JSONValue] = [
            "mode": "complete", "prompt": "Q: {{topic}}?\nA:",
            "examples": [["inputs": ["topic": "tea"], "output": "Hot."]],
        ]
        let model = ScriptedModelProvider(answer: { _ in "Wet." })
        let result = try await runGraph(Self.asker(fields), inputs: ["topic": "rain"], models: model)
        let sent = try SentPrompt.of(node("ask", .llm, fields), inputs: try #require(result.step("ask")).inputs)
        #expect(sent == ["prompt": .string(try #require(model.requests.first).prompt)])
        #expect(sent["prompt"] == "Q: tea?\nA: Hot.\n\nQ: rain?\nA:")
    }

    @Test func aPlaceholderWithNoValueThrows() {
        #expect(throws: (any Error).self) {
            try SentPrompt.of(node("ask", .llm, ["prompt": "About {{topic}}"]), inputs: [:])
        }
    }
}
