import Foundation
import PatchbayCore
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayProviders

/// The hub against a misbehaving server on loopback: each fault gets its documented handling,
/// checked by what the caller sees and by how many requests the server received.
@Suite("Provider hub against faults")
struct ProviderHubFaultTests {
    static let key = "sk-test-SECRET-0123456789"

    /// A hub whose `fast` alias points at `server` in the given dialect, with quick backoff.
    static func hub(
        _ server: FaultServer, kind: ProviderKind = .openai, retries: Int = 2, timeouts: Timeouts = Timeouts(),
        concurrency: Int = 4, key: String? = ProviderHubFaultTests.key, raw: Bool = false
    ) -> ProviderHub {
        let env = kind == .anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"
        let name = kind == .anthropic ? "anthropic" : "openai"
        let provider = ProviderSettings(
            name: name, kind: kind, baseURL: server.baseURL, apiKeyEnv: env, maxConcurrency: concurrency,
            maxRetries: retries,
            rawCompletions: raw)
        let config = ModelConfig(
            providers: [name: provider],
            aliases: ["fast": ModelAlias(alias: "fast", provider: name, model: "test-model", timeouts: timeouts)],
            prices: ["test-model": Price(input: 1, output: 2)])
        return ProviderHub(
            config: config, environment: key.map { [env: $0] } ?? [:], local: nil,
            backoff: Backoff(base: .milliseconds(10), cap: .milliseconds(50)))
    }

    static func ask(
        _ hub: ProviderHub,
        _ request: ModelRequest = ModelRequest(messages: [ChatMessage(role: "user", content: "hi")]),
        tokens: TokenLog? = nil
    ) async throws -> ModelResponse {
        let model = try hub.resolve(alias: "fast")
        return try await hub.complete(request, model: model) { token in tokens?.append(token) }
    }

    static func failure(_ body: () async throws -> ModelResponse) async -> ModelError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ModelError {
            return error
        } catch {
            Issue.record("expected a ModelError, got \(error)")
            return nil
        }
    }

    @Test("a normal streamed answer: text, token deltas in order, usage from the API and cost from the price table")
    func normal() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let tokens = TokenLog()
        let response = try await Self.ask(hub, tokens: tokens)
        #expect(response.text == "Hello from the fault server")
        #expect(tokens.all == ["Hello", " from", " the", " fault", " server"])
        #expect(response.usage == TokenUsage(inputTokens: 5, outputTokens: 5))
        let expectedCost = (5.0 * 1 + 5.0 * 2) / 1_000_000
        #expect(response.cost == expectedCost)
        #expect(server.requestCount == 1)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.header("authorization") == "Bearer \(Self.key)")
        await hub.shutdown()
    }

    @Test("429 with Retry-After is retried after the server's wait")
    func rateLimited() async throws {
        let server = try await FaultServer.start(.init(faults: [.status(429, retryAfter: "0.4")]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await Self.ask(hub)
        #expect(clock.now - start >= .milliseconds(400))
        #expect(response.text == "Hello from the fault server")
        #expect(server.requestCount == 2)
        await hub.shutdown()
    }

    @Test("500 and 503 are retried with backoff until an answer comes")
    func serverErrors() async throws {
        let server = try await FaultServer.start(.init(faults: [.status(500), .status(503)]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        _ = try await Self.ask(hub)
        #expect(server.requestCount == 3)
        await hub.shutdown()
    }

    @Test("retries stop at max_retries and the error says how many attempts were made")
    func retriesExhausted() async throws {
        let server = try await FaultServer.start(.init(faults: Array(repeating: .status(502), count: 10)))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, retries: 2)
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message.contains("openai failed (502) for alias `fast` after 3 attempts"))
        #expect(server.requestCount == 3)
        await hub.shutdown()
    }

    @Test("400, 403 and 404 are not retried and say what to check", arguments: [400, 403, 404])
    func clientErrors(code: Int) async throws {
        let server = try await FaultServer.start(.init(faults: [.status(code)]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message.contains("(\(code))"))
        #expect(error.hint != nil)
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("a wrong key: 401, no retry, and the error names the variable, provider and alias but not the key")
    func wrongKey() async throws {
        let server = try await FaultServer.start(.init(requiredKey: "sk-the-right-one"))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message == "OPENAI_API_KEY was rejected (401) by openai for alias `fast`")
        #expect(!error.description.contains(Self.key))
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("no key at all: the error says which variable to set")
    func missingKey() async throws {
        let server = try await FaultServer.start(.init(requiredKey: "sk-the-right-one"))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, key: nil)
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message.contains("OPENAI_API_KEY is not set"))
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("a hang before the first byte hits the first-token timeout, is retried, then fails naming the timeout")
    func hang() async throws {
        let server = try await FaultServer.start(
            .init(faults: [.hangBeforeFirstByte(.seconds(10)), .hangBeforeFirstByte(.seconds(10))]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, retries: 1, timeouts: Timeouts(firstToken: .milliseconds(500)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        // Two attempts of 0.5 s each, well before the server's 5 s hangs end (10 s for both).
        #expect(clock.now - start < .seconds(5))
        #expect(error.message.contains("first-token timeout (500 ms)"))
        #expect(server.requestCount == 2)
        await hub.shutdown()
    }

    @Test("a stream cut mid-way is retried and the answer is the complete one")
    func cutStream() async throws {
        let server = try await FaultServer.start(.init(faults: [.cutMidStream(afterTokens: 2)]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let response = try await Self.ask(hub)
        #expect(response.text == "Hello from the fault server")
        #expect(server.requestCount == 2)
        await hub.shutdown()
    }

    @Test(
        "malformed SSE and malformed JSON fail at once, naming the base URL to check",
        arguments: [Fault.malformedSSE, .malformedJSON])
    func malformed(fault: Fault) async throws {
        let server = try await FaultServer.start(.init(faults: [fault]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message.contains("not the openai API's format"))
        #expect(error.hint?.description.contains(server.baseURL) == true)
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("slow-dripping tokens arrive one by one as they are sent, and the first-token timeout does not fire")
    func slowDrip() async throws {
        let server = try await FaultServer.start(.init(faults: [.slowDrip(interval: .milliseconds(300))]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, timeouts: Timeouts(firstToken: .seconds(1)))
        let clock = ContinuousClock()
        let start = clock.now
        let arrivals = Mutex<[Duration]>([])
        let response = try await hub.complete(
            ModelRequest(messages: [ChatMessage(role: "user", content: "hi")]), model: try hub.resolve(alias: "fast")
        ) { _ in arrivals.withLock { $0.append(clock.now - start) } }
        #expect(response.text == "Hello from the fault server")
        let times = arrivals.withLock { $0 }
        #expect(times.count == 5)
        // The whole answer takes longer than the first-token timeout: only the first token counts.
        #expect(times.last! - times.first! >= .milliseconds(1000))
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("the total timeout bounds a call that keeps dripping")
    func totalTimeout() async throws {
        let server = try await FaultServer.start(.init(faults: [.slowDrip(interval: .milliseconds(150))]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, timeouts: Timeouts(total: .milliseconds(300)))
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message.contains("total timeout (300 ms)"))
        await hub.shutdown()
    }

    @Test("cancelling mid-stream aborts the request at once")
    func cancel() async throws {
        let server = try await FaultServer.start(.init(faults: [.slowDrip(interval: .seconds(1))]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let first = AsyncStream<Void>.makeStream()
        let task = Task { try await Self.ask(hub) }
        let watcher = Task {
            // Cancel once the server has the request and the first delta is out.
            while server.requestCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(100))
            first.continuation.finish()
        }
        for await _ in first.stream {}
        try await watcher.value
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        let result = await task.result
        // The server would drip for four more seconds; the call ends long before.
        #expect(clock.now - start < .seconds(1))
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(server.requestCount == 1)
        await hub.shutdown()
    }

    @Test("max_concurrency is shared by every caller of the hub")
    func concurrencyLimit() async throws {
        let server = try await FaultServer.start(.init(latency: .milliseconds(150)))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, concurrency: 2)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await Self.ask(hub) } }
            try await group.waitForAll()
        }
        // Four calls two at a time take two rounds of the server's latency.
        #expect(clock.now - start >= .milliseconds(300))
        #expect(server.requestCount == 4)
        await hub.shutdown()
    }

    @Test("request fields reach the API: temperature, max_tokens, stop, seed, JSON mode")
    func requestFields() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server)
        let request = ModelRequest(
            messages: [ChatMessage(role: "system", content: "be brief"), ChatMessage(role: "user", content: "hi")],
            temperature: 0.3, maxTokens: 3, stop: [" fault"], seed: 7, jsonMode: true)
        let response = try await Self.ask(hub, request)
        #expect(response.text == "Hello from the")
        let body = try #require(server.requests.first?.json())
        #expect(body["temperature"] as? Double == 0.3)
        #expect(body["max_tokens"] as? Int == 3)
        #expect(body["stop"] as? [String] == [" fault"])
        #expect(body["seed"] as? Int == 7)
        #expect((body["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        #expect((body["messages"] as? [[String: Any]])?.count == 2)
        await hub.shutdown()
    }

    @Test("mode complete: /v1/completions where raw prompts are served, a continuation chat turn where not")
    func completeMode() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let request = ModelRequest(mode: .complete, prompt: "Q: 2+2?\nA:")
        let raw = Self.hub(server, raw: true)
        _ = try await Self.ask(raw, request)
        let chat = Self.hub(server, raw: false)
        _ = try await Self.ask(chat, request)
        let sent = server.requests
        #expect(sent.map(\.path) == ["/v1/completions", "/v1/chat/completions"])
        #expect(sent[0].json()?["prompt"] as? String == "Q: 2+2?\nA:")
        let messages = sent[1].json()?["messages"] as? [[String: Any]]
        #expect(messages?.last?["content"] as? String == "Q: 2+2?\nA:")
        await raw.shutdown()
        await chat.shutdown()
    }

    @Test("Anthropic: system prompt, stop sequences and usage; a wrong key is named")
    func anthropic() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, kind: .anthropic)
        let tokens = TokenLog()
        let request = ModelRequest(
            messages: [ChatMessage(role: "system", content: "be brief"), ChatMessage(role: "user", content: "hi")],
            maxTokens: 50, stop: [" server"])
        let response = try await Self.ask(hub, request, tokens: tokens)
        #expect(response.text == "Hello from the fault")
        #expect(tokens.all.joined() == response.text)
        #expect(response.usage.inputTokens == 5 && response.usage.outputTokens == 4)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.header("x-api-key") == Self.key)
        #expect(sent.json()?["system"] as? String == "be brief")
        #expect(sent.json()?["stop_sequences"] as? [String] == [" server"])

        server.setBehaviour(.init(requiredKey: "sk-other"))
        let error = try #require(await Self.failure { try await Self.ask(hub) })
        #expect(error.message == "ANTHROPIC_API_KEY was rejected (401) by anthropic for alias `fast`")
        #expect(server.requestCount == 2)
        await hub.shutdown()
    }
}

/// Token deltas as a call streamed them.
final class TokenLog: Sendable {
    private let tokens = Mutex<[String]>([])
    func append(_ token: String) { tokens.withLock { $0.append(token) } }
    var all: [String] { tokens.withLock { $0 } }
}
