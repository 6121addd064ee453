import Foundation
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayCore

/// `samples: N` with `vote: majority` and `examples:` on llm nodes, run by the engine: every
/// sample a real request and a step, the winner elected, samples cached and replayed one by one;
/// examples sent before the prompt; both checked by validation at their place in the file.
@Suite struct LLMSamplesTests {
    /// Answers from `answers`: by the request's seed when it has one (sample i of a node with
    /// `seed: 0` gets answer i), else in the order requests arrive (samples run in parallel).
    static func model(_ answers: [String]) -> ScriptedModelProvider {
        let next = Mutex(0)
        return ScriptedModelProvider { request in
            let arrival = next.withLock { count in
                defer { count += 1 }
                return count
            }
            return answers[(request.seed ?? arrival) % answers.count]
        }
    }

    static func voter(_ fields: [String: JSONValue] = [:]) -> Graph {
        var all: [String: JSONValue] = ["prompt": "Sentiment of {{review}}:", "samples": 5, "temperature": 0.8]
        all.merge(fields) { $1 }
        return graph(
            [node("review", .input), node("classify", .llm, all), node("label", .output), node("share", .output)],
            ["review -> classify.review", "classify.text -> label", "classify.agreement -> share"])
    }

    @Test func fiveRealSamplesElectTheMostCommonAnswer() async throws {
        let model = Self.model(["positive", "Negative", " negative ", "positive", "NEGATIVE"])
        let result = try await runGraph(Self.voter(["seed": 7]), inputs: ["review": "ok"], models: model)
        #expect(result.status == .succeeded)
        #expect(model.calls == 5, "five requests, no cache copies")
        #expect(Set(model.requests.compactMap(\.seed)) == [7, 8, 9, 10, 11], "seed + index")
        let samples = result.steps.filter { $0.path.components.count == 2 }
        #expect(Set(samples.map(\.path.description)) == Set((0..<5).map { "classify/sample[\($0)]" }))
        #expect(samples.allSatisfy { $0.status == .succeeded && $0.usage != nil })
        #expect(result.outputs["share"] == 0.6)
        let winner = try #require(result.outputs["label"]?.stringValue)
        #expect(winner.lowercased().trimmingCharacters(in: .whitespaces) == "negative")
        #expect(result.step("classify")?.usage?.inputTokens == 50, "the node's usage is all samples'")
    }

    @Test func samplesAreCachedOneByOneAndRepeatsOfAnEvalAreNot() async throws {
        let model = Self.model(["a", "b", "a"])
        let cache = MemoryStepCache()
        let graph = Self.voter(["samples": 3])
        _ = try await runGraph(graph, inputs: ["review": "ok"], models: model, cache: cache)
        let again = try await runGraph(graph, inputs: ["review": "ok"], models: model, cache: cache)
        #expect(model.calls == 3, "the second run's samples come from the cache")
        #expect(again.steps.filter { $0.status == .cached }.count == 3 && again.outputs["label"] == "a")
        var repeat1 = RunOptions()
        repeat1.sampleIndex = 1
        _ = try await runGraph(graph, inputs: ["review": "ok"], models: model, cache: cache, options: repeat1)
        #expect(model.calls == 6, "another repeat of an eval samples afresh")
    }

    @Test func answersThatDoNotParseDoNotVoteAndNoneFailTheNode() async throws {
        let json = Self.voter(["samples": 3, "json": true, "seed": 0])
        let mixed = try await runGraph(
            json, inputs: ["review": "ok"], models: Self.model([#"{"a": 1}"#, "no json", #"{"a": 1}"#]))
        #expect(mixed.status == .succeeded)
        #expect(mixed.step("classify")?.outputs["json"] == ["a": 1])
        #expect(mixed.outputs["share"] == .number(2.0 / 3.0))
        #expect(mixed.steps.filter { $0.status == .failed }.map(\.path.description) == ["classify/sample[1]"])

        let none = try await runGraph(json, inputs: ["review": "ok"], models: Self.model(["x", "y", "z"]))
        #expect(none.status == .failed)
        #expect(none.step("classify")?.error?.message.contains("did not answer with JSON") == true)
    }

    @Test func aReplayGoesThroughTheSamplesAndAsksNoModel() async throws {
        let model = Self.model(["a", "b", "b"])
        let graph = Self.voter(["samples": 3])
        let first = try await runGraph(graph, inputs: ["review": "ok"], models: model, cache: nil)
        let replay = try await runGraph(graph, inputs: ["review": "ok"], cache: nil, options: .replaying(first))
        #expect(model.calls == 3 && replay.status == .succeeded, "\(replay)")
        #expect(replay.outputs == first.outputs)
        #expect(replay.steps.filter { $0.path.components.count == 2 }.allSatisfy { $0.status == .replayed })
        #expect(replay.step("classify")?.status == .replayed)
    }

    @Test func examplesAreSentBeforeThePromptInBothModes() async throws {
        let examples: JSONValue = [["inputs": ["review": "Great"], "output": "positive"]]
        let model = Self.model(["negative"])
        let complete = graph(
            [
                node("review", .input),
                node(
                    "classify", .llm,
                    ["mode": "complete", "prompt": "Review: {{review}}\nSentiment:", "examples": examples]),
                node("label", .output),
            ], ["review -> classify.review", "classify.text -> label"])
        _ = try await runGraph(complete, inputs: ["review": "Broke"], models: model)
        #expect(model.requests.last?.prompt == "Review: Great\nSentiment: positive\n\nReview: Broke\nSentiment:")

        var chat = complete
        chat.nodes[1].fields["mode"] = nil
        chat.nodes[1].fields["system"] = "Label reviews."
        _ = try await runGraph(chat, inputs: ["review": "Broke"], models: model)
        let messages = try #require(model.requests.last?.messages)
        #expect(messages.map(\.role) == ["system", "user", "assistant", "user"])
        #expect(
            messages.map(\.content).suffix(3) == ["Review: Great\nSentiment:", "positive", "Review: Broke\nSentiment:"])
    }

    @Test func examplesAndSamplesAreCheckedAtTheirPlace() throws {
        let fixture = try ValidationFixture()
        let (_, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              review: { kind: input }
              a:
                kind: llm
                prompt: "{{review}} in {{lang}}"
                examples:
                  - { inputs: { review: fine }, output: positive }
                  - { inputs: { review: bad, lang: en, langauge: en }, output: negative }
                  - { output: positive }
              b: { kind: llm, messages: [{ role: user, content: "{{review}}" }], examples: [] }
              c: { kind: llm, prompt: "{{review}}", samples: 3, tools: [{ graph: t.graph.yaml }] }
            wires: [review -> a.review, review -> a.lang, review -> b.review, review -> c.review]
            """,
            "patchbay.toml": "",
        ])
        let missing = try #require(diagnostics.only("example 1 of llm node `a` has no `lang`"))
        #expect(missing.location?.line == 8, "at the example's inputs: \(missing)")
        let extra = try #require(diagnostics.only("example 2 of llm node `a` gives `langauge`"))
        #expect(extra.location?.line == 9 && extra.hint?.description.contains("lang") == true, "\(extra)")
        #expect(diagnostics.only("example 3 of llm node `a` needs `inputs`")?.location?.line == 10)
        #expect(diagnostics.only("llm node `b` has `examples` and no `prompt`") != nil)
        #expect(diagnostics.only("llm node `c` has `samples` and `tools`") != nil)
    }
}
