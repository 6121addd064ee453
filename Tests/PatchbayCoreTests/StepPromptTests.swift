import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// What a step records it sent (`Step.prompt`): an llm step its request, examples and system
/// text in place, even when the call fails; a template step its rendered text; a step that sent
/// nothing (cached, another kind) nothing.
@Suite("Step prompts")
struct StepPromptTests {
    static let examples: JSONValue = [["inputs": ["text": "Review: Great"], "output": "positive"]]

    static let chat = graph(
        [
            node("review", .input), node("framed", .template, ["template": "Review: {{review}}"]),
            node(
                "classify", .llm,
                ["system": "Label reviews.", "prompt": "{{text}}\nSentiment:", "examples": examples]),
            node("label", .output),
        ], ["review -> framed", "framed.text -> classify.text", "classify.text -> label"])

    @Test("an llm step records the messages it sent, a template its text; a cached one nothing")
    func llmAndTemplateStepsRecordWhatTheySent() async throws {
        let model = ScriptedModelProvider { _ in "negative" }
        let cache = MemoryStepCache()
        let result = try await runGraph(Self.chat, inputs: ["review": "Broke"], models: model, cache: cache)
        let classify = try #require(result.step("classify"))
        let sent = try #require(classify.prompt?["messages"]?.arrayValue)
        #expect(sent.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "user"])
        #expect(
            sent.map { $0["content"]?.stringValue }
                == ["Label reviews.", "Review: Great\nSentiment:", "positive", "Review: Broke\nSentiment:"])
        #expect(model.requests.last?.messages.map(\.content) == sent.map { $0["content"]?.stringValue ?? "" })
        let framed = try #require(result.step("framed"))
        #expect(framed.prompt == ["text": "Review: Broke"])
        #expect(result.step("review")?.prompt == nil && result.step("label")?.prompt == nil)
        // Printed with the step, once: a template's text is its output already.
        #expect(classify.json["prompt"]?["messages"]?.arrayValue?.count == 4)
        #expect(framed.json["prompt"] == nil)

        let again = try await runGraph(Self.chat, inputs: ["review": "Broke"], models: model, cache: cache)
        #expect(again.step("classify")?.status == .cached)
        #expect(again.step("classify")?.prompt == nil, "a cached step sent nothing")
    }

    @Test("complete mode records the prompt text; a call that fails still records what it sent")
    func failedCallRecordsItsPrompt() async throws {
        let model = ScriptedModelProvider { (_: ModelRequest) throws -> String in throw ModelError("the server said no")
        }
        let g = graph(
            [
                node("q", .input), node("ask", .llm, ["mode": "complete", "prompt": "Q: {{q}}\nA:"]),
                node("a", .output),
            ],
            ["q -> ask.q", "ask.text -> a"])
        let result = try await runGraph(g, inputs: ["q": "why"], models: model)
        let ask = try #require(result.step("ask"))
        #expect(ask.status == .failed)
        #expect(ask.prompt == ["prompt": "Q: why\nA:"])
    }

    @Test("each sample of a vote records its own request, and the node its first")
    func samplesRecordTheirPrompts() async throws {
        let model = ScriptedModelProvider { _ in "yes" }
        let g = graph(
            [node("q", .input), node("ask", .llm, ["prompt": "{{q}}?", "samples": 3, "seed": 7]), node("a", .output)],
            ["q -> ask.q", "ask.text -> a"])
        let result = try await runGraph(g, inputs: ["q": "ok"], models: model)
        let samples = (0..<3).compactMap { result.step("ask/sample[\($0)]") }
        #expect(samples.count == 3)
        for sample in samples { #expect(sample.prompt?["messages"]?.arrayValue?.last?["content"] == "ok?") }
        #expect(result.step("ask")?.prompt?["messages"] == samples[0].prompt?["messages"])
    }
}
