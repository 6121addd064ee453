import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// The bundled model end to end: `ProviderHub` with the built-in `default` alias, over a child
/// llama.cpp server the hub starts itself, as the CLI does. Asserts structure and behaviour,
/// never wording: the model is tiny and its text is not the point. Temperature 0 throughout so
/// that the "without a stop sequence" half of a comparison is the same continuation.
/// Serialized: the server answers one request at a time, and timings mean something only alone.
@Suite(.serialized, .sharedLocalHub)
struct LocalModelIntegrationTests {
    /// A list the model continues line after line.
    static let listPrompt = "Fruits:\n1. apples\n2. bananas\n3."
    /// A count the model continues for as long as it is allowed to.
    static let countPrompt = "1, 2, 3, 4, 5, 6, 7, 8,"

    @Test func theHubStartsAChildServerOfThisProcess() async throws {
        let local = try SharedLocalHub.get()
        _ = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.countPrompt, temperature: 0, maxTokens: 2))
        let pid = try #require(local.service.childProcessID, "the hub used no child server")
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.lastIndex(of: ")")!...].split(separator: " ")
        #expect(fields.count > 2 && fields[2] == "\(getpid())", "server \(pid) is not our child: \(stat)")
        let model = try local.hub.resolve(alias: "default")
        #expect(model.provider == "local" && model.model == LocalModelService.modelName)
    }

    @Test func chatModeAnswersWithUsage() async throws {
        let local = try SharedLocalHub.get()
        let request = ModelRequest(
            mode: .chat, messages: [ChatMessage(role: "user", content: "Name three colors.")], temperature: 0,
            maxTokens: 40)
        let response = try await local.complete(request)
        #expect(!response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(response.usage.inputTokens > 0, "\(response.usage)")
        #expect(response.usage.outputTokens > 0 && response.usage.outputTokens <= 40, "\(response.usage)")
        #expect(response.cost == 0)
    }

    @Test func completionModeContinuesAFewShotPrompt() async throws {
        let local = try SharedLocalHub.get()
        let prompt = """
            English: cat
            French: chat

            English: house
            French: maison

            English: water
            French:
            """
        let response = try await local.complete(
            ModelRequest(mode: .complete, prompt: prompt, temperature: 0, maxTokens: 12))
        #expect(!response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(response.usage.inputTokens > 0, "\(response.usage)")
        #expect(response.usage.outputTokens > 0 && response.usage.outputTokens <= 12, "\(response.usage)")
    }

    @Test func tokensStreamBeforeTheCallReturnsAndAddUpToTheText() async throws {
        let local = try SharedLocalHub.get()
        let deltas = DeltaRecorder()
        let response = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.listPrompt, temperature: 0, maxTokens: 30),
            onToken: deltas.record)
        let returned = ContinuousClock.now
        #expect(deltas.count > 1)
        #expect(deltas.joined == response.text)
        let first = try #require(deltas.firstAt)
        #expect(first < returned)
    }

    @Test func stopSequenceEndsTheTextBeforeIt() async throws {
        let local = try SharedLocalHub.get()
        let open = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.listPrompt, temperature: 0, maxTokens: 30))
        let stopped = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.listPrompt, temperature: 0, maxTokens: 30, stop: ["\n"]))
        // Without the stop the list goes on over several lines; with it, the first line only.
        #expect(open.text.contains("\n"), "the prompt no longer runs over lines: \(open.text.debugDescription)")
        #expect(!stopped.text.contains("\n"), "\(stopped.text.debugDescription)")
        #expect(open.text.hasPrefix(stopped.text), "\(stopped.text.debugDescription) vs \(open.text.debugDescription)")
        #expect(stopped.usage.outputTokens < open.usage.outputTokens, "\(stopped.usage) vs \(open.usage)")
    }

    @Test func maxTokensBoundsTheOutput() async throws {
        let local = try SharedLocalHub.get()
        let deltas = DeltaRecorder()
        let response = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.countPrompt, temperature: 0, maxTokens: 5),
            onToken: deltas.record)
        #expect(response.usage.outputTokens > 0 && response.usage.outputTokens <= 5, "\(response.usage)")
        #expect(response.usage.outputTokens == deltas.count, "\(response.usage), \(deltas.count) deltas")
    }

    @Test func cancellingMidStreamEndsPromptlyAndTheServerGoesOn() async throws {
        let local = try SharedLocalHub.get()
        let deltas = DeltaRecorder()
        let (firstToken, signal) = AsyncStream.makeStream(of: Void.self)
        let long = ModelRequest(mode: .complete, prompt: Self.countPrompt, temperature: 0, maxTokens: 400)
        let task = Task {
            try await local.complete(long) { text in
                deltas.record(text)
                signal.yield()
            }
        }
        for await _ in firstToken { break }
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()
        let result = await task.result
        let ended = clock.now - cancelled
        #expect(ended < .seconds(1), "the call took \(ended) to end after cancel")
        switch result {
        case .success(let response):
            Issue.record("the call finished instead of being cancelled: \(response.usage)")
        case .failure(let error):
            #expect(error is CancellationError, "\(error)")
        }
        let settled = deltas.count
        #expect(settled < 400)
        try await Task.sleep(for: .milliseconds(500))
        #expect(deltas.count == settled, "tokens kept arriving after the cancelled call ended")

        let after = try await local.complete(
            ModelRequest(mode: .complete, prompt: Self.countPrompt, temperature: 0, maxTokens: 5))
        #expect(after.usage.outputTokens > 0 && !after.text.isEmpty)
    }

    @Test func anEngineRunStreamsTokensAndTotalsUsage() async throws {
        let local = try SharedLocalHub.get()
        let g = graph(
            [
                node("topic", .input, ["type": "string"]),
                node(
                    "list", .llm,
                    [
                        "model": "default", "mode": "complete", "prompt": "{{topic}}:\n1.", "temperature": 0,
                        "max_tokens": 12,
                    ]),
                node(
                    "counting", .llm,
                    [
                        "model": "default", "mode": "complete", "prompt": .string(Self.countPrompt), "temperature": 0,
                        "max_tokens": 6,
                    ]),
                node("items", .output), node("numbers", .output),
            ],
            ["topic -> list.topic", "list.text -> items", "counting.text -> numbers"])
        let plan = try ExecutionPlan.build(g, path: "integration.graph.yaml", resolver: MemoryResolver([:]))
        let engine = Engine(environment: EngineEnvironment(models: local.hub, cache: nil))
        let handle = try engine.start(plan, inputs: ["topic": "Fruits"])

        var events: [RunEvent] = []
        for await event in handle.events { events.append(event) }
        let result = await handle.result()
        #expect(result.status == .succeeded, "\(String(describing: result.error))")

        for id in ["list", "counting"] {
            let firstDelta = events.firstIndex {
                if case .tokenDelta(let path, _) = $0 { path.description == id } else { false }
            }
            let finished = events.firstIndex {
                if case .nodeFinished(let step) = $0 { step.path.description == id } else { false }
            }
            let delta = try #require(firstDelta, "no token event for \(id)")
            #expect(delta < (try #require(finished, "\(id) did not finish")))
            let usage = try #require(result.step(id)?.usage, "\(id) has no usage")
            #expect(usage.inputTokens > 0 && usage.outputTokens > 0, "\(id): \(usage)")
        }
        let sum = result.steps.reduce(TokenUsage()) { $0 + ($1.usage ?? TokenUsage()) }
        #expect(result.usage == sum)
        #expect(result.usage.outputTokens > 0)
        #expect(result.outputs["items"]?.stringValue?.isEmpty == false)
    }
}
