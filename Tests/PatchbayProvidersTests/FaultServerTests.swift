import Foundation
import PatchbayTestSupport
import Testing

/// The fault server itself: both dialects speak valid JSON and SSE, and every fault does what
/// it says, so provider tests built on it can trust what they are fed.
@Suite("FaultServer")
struct FaultServerTests {
    static var chatBody: [String: Any] { ["model": "m", "messages": [["role": "user", "content": "hi"]]] }
    static var messagesBody: [String: Any] {
        ["model": "claude-x", "max_tokens": 100, "messages": [["role": "user", "content": "hi"]]]
    }
    static let anthropicHeaders = ["x-api-key": "k", "anthropic-version": "2023-06-01"]

    static func chat(_ extra: [String: Any] = [:]) -> [String: Any] { chatBody.merging(extra) { $1 } }
    static func messages(_ extra: [String: Any] = [:]) -> [String: Any] { messagesBody.merging(extra) { $1 } }

    /// Runs `body` against a fresh server and always shuts it down.
    static func withServer(
        _ behaviour: FaultServer.Behaviour = .init(), _ body: (FaultServer) async throws -> Void
    ) async throws {
        let server = try await FaultServer.start(behaviour)
        do {
            try await body(server)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    /// The chat deltas' text of an OpenAI stream.
    static func chatText(_ events: [ProbeEvent]) -> String {
        events.compactMap { event -> String? in
            let choices = event.json?["choices"] as? [[String: Any]]
            return (choices?.first?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
    }

    /// The text deltas of an Anthropic stream.
    static func anthropicText(_ events: [ProbeEvent]) -> String {
        events.filter { $0.event == "content_block_delta" }.compactMap {
            ($0.json?["delta"] as? [String: Any])?["text"] as? String
        }.joined()
    }

    // MARK: Dialects

    @Test func openAIChatNonStreamingIsTheAPIsJSON() async throws {
        try await Self.withServer { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(result.status == 200)
            #expect(result.header("content-type") == "application/json")
            let json = try #require(result.json)
            #expect(json["object"] as? String == "chat.completion")
            #expect(json["model"] as? String == "m")
            let choice = try #require((json["choices"] as? [[String: Any]])?.first)
            #expect((choice["message"] as? [String: Any])?["content"] as? String == "Hello from the fault server")
            #expect(choice["finish_reason"] as? String == "stop")
            let usage = try #require(json["usage"] as? [String: Int])
            #expect(usage == ["prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10])
        }
    }

    @Test func openAIChatStreamIsValidSSEWithUsageAndDone() async throws {
        try await Self.withServer(.init(reply: "one two three")) { server in
            let body = Self.chat(["stream": true, "stream_options": ["include_usage": true]])
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: body)
            #expect(result.status == 200)
            #expect(result.header("content-type") == "text/event-stream")
            #expect(result.header("transfer-encoding") == "chunked")
            #expect(result.error == nil)
            let events = result.events
            #expect(events.last?.data == "[DONE]")
            let chunks = events.dropLast().map(\.json)
            #expect(chunks.allSatisfy { $0 != nil }, "every data line before [DONE] is JSON")
            #expect(chunks.dropLast().allSatisfy { $0?["object"] as? String == "chat.completion.chunk" })
            #expect(Self.chatText(events) == "one two three")
            let finishes = chunks.compactMap {
                ($0?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String
            }
            #expect(finishes == ["stop"])
            let usageChunk = try #require(chunks.last ?? nil)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            #expect(
                usageChunk["usage"] as? [String: Int] == [
                    "prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8,
                ])
        }
    }

    @Test func openAIChatStreamWithoutIncludeUsageHasNoUsageChunk() async throws {
        try await Self.withServer { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(["stream": true]))
            #expect(!result.text.contains("usage"))
            #expect(result.events.last?.data == "[DONE]")
        }
    }

    @Test func completionsSpeakTextCompletion() async throws {
        try await Self.withServer(.init(tokens: ["ab", "cd", "ef"])) { server in
            let plain = await FaultProbe.send("\(server.baseURL)/completions", json: ["model": "m", "prompt": "x"])
            let json = try #require(plain.json)
            #expect(json["object"] as? String == "text_completion")
            #expect((json["choices"] as? [[String: Any]])?.first?["text"] as? String == "abcdef")
            #expect((json["usage"] as? [String: Int])?["completion_tokens"] == 3)

            let streamed = await FaultProbe.send(
                "\(server.baseURL)/completions", json: ["model": "m", "prompt": "x", "stream": true])
            let events = streamed.events
            #expect(events.last?.data == "[DONE]")
            let texts = events.dropLast().compactMap {
                ($0.json?["choices"] as? [[String: Any]])?.first?["text"] as? String
            }
            #expect(texts == ["ab", "cd", "ef", ""])
            #expect(events.dropLast().allSatisfy { $0.json?["object"] as? String == "text_completion" })
        }
    }

    @Test func anthropicNonStreamingIsTheMessagesShape() async throws {
        try await Self.withServer { server in
            let result = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(), headers: Self.anthropicHeaders)
            #expect(result.status == 200)
            let json = try #require(result.json)
            #expect(json["type"] as? String == "message")
            #expect(json["role"] as? String == "assistant")
            let content = try #require(json["content"] as? [[String: Any]])
            #expect(content.first?["type"] as? String == "text")
            #expect(content.first?["text"] as? String == "Hello from the fault server")
            #expect(json["stop_reason"] as? String == "end_turn")
            #expect(json["usage"] as? [String: Int] == ["input_tokens": 5, "output_tokens": 5])
        }
    }

    @Test func anthropicStreamHasTheEventSequence() async throws {
        try await Self.withServer(.init(reply: "a b", usage: (7, 9))) { server in
            let result = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["stream": true]), headers: Self.anthropicHeaders)
            #expect(result.header("content-type") == "text/event-stream")
            let events = result.events
            #expect(
                events.map { $0.event ?? "" } == [
                    "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                    "content_block_stop", "message_delta", "message_stop",
                ])
            for event in events {
                #expect(
                    event.json?["type"] as? String == event.event, "data of `\(event.event ?? "")` is JSON of its type")
            }
            #expect(Self.anthropicText(events) == "a b")
            let start = try #require(events.first?.json?["message"] as? [String: Any])
            #expect((start["usage"] as? [String: Int])?["input_tokens"] == 7)
            let delta = try #require(events.first { $0.event == "message_delta" }?.json)
            #expect((delta["usage"] as? [String: Int])?["output_tokens"] == 9)
            #expect((delta["delta"] as? [String: Any])?["stop_reason"] as? String == "end_turn")
        }
    }

    @Test func anthropicRequiresVersionHeaderAndMaxTokens() async throws {
        try await Self.withServer { server in
            let noVersion = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(), headers: ["x-api-key": "k"])
            #expect(noVersion.status == 400)
            #expect(noVersion.json?["type"] as? String == "error")
            #expect((noVersion.json?["error"] as? [String: Any])?["type"] as? String == "invalid_request_error")

            var body = Self.messagesBody
            body["max_tokens"] = nil
            let noLimit = await FaultProbe.send(
                "\(server.baseURL)/messages", json: body, headers: Self.anthropicHeaders)
            #expect(noLimit.status == 400)
            #expect(noLimit.text.contains("max_tokens"))
        }
    }

    @Test func modelsListAndUnknownRoutes() async throws {
        try await Self.withServer { server in
            let models = await FaultProbe.send("\(server.baseURL)/models", method: "GET")
            #expect(models.status == 200)
            #expect(models.json?["object"] as? String == "list")
            let ids = (models.json?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids.contains("fault-model"))

            let missing = await FaultProbe.send("\(server.baseURL)/nowhere", json: [:])
            #expect(missing.status == 404)
            #expect((missing.json?["error"] as? [String: Any])?["message"] is String)

            let wrongMethod = await FaultProbe.send("\(server.baseURL)/chat/completions", method: "GET")
            #expect(wrongMethod.status == 405)

            let notJSON = await FaultProbe.send("\(server.baseURL)/chat/completions", json: ["a"])
            #expect(notJSON.status == 400)
        }
    }

    // MARK: max_tokens and stop

    @Test func maxTokensTruncatesAndReportsLength() async throws {
        try await Self.withServer { server in
            let chat = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(["max_tokens": 2]))
            let choice = try #require((chat.json?["choices"] as? [[String: Any]])?.first)
            #expect((choice["message"] as? [String: Any])?["content"] as? String == "Hello from")
            #expect(choice["finish_reason"] as? String == "length")
            #expect((chat.json?["usage"] as? [String: Int])?["completion_tokens"] == 2)

            let streamed = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["max_tokens": 3, "stream": true]),
                headers: Self.anthropicHeaders)
            #expect(Self.anthropicText(streamed.events) == "Hello from the")
            let delta = streamed.events.first { $0.event == "message_delta" }?.json?["delta"] as? [String: Any]
            #expect(delta?["stop_reason"] as? String == "max_tokens")
        }
    }

    @Test func stopStringsCutTheReplyBeforeThem() async throws {
        try await Self.withServer { server in
            let single = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(["stop": " the"]))
            let choice = (single.json?["choices"] as? [[String: Any]])?.first
            #expect((choice?["message"] as? [String: Any])?["content"] as? String == "Hello from")
            #expect(choice?["finish_reason"] as? String == "stop")
            #expect((single.json?["usage"] as? [String: Int])?["completion_tokens"] == 2)

            // The earliest of several, even inside a token.
            let list = await FaultProbe.send(
                "\(server.baseURL)/chat/completions", json: Self.chat(["stop": ["server", "rom"], "stream": true]))
            #expect(Self.chatText(list.events) == "Hello f")

            let anthropic = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["stop_sequences": ["fault"]]),
                headers: Self.anthropicHeaders)
            #expect((anthropic.json?["content"] as? [[String: Any]])?.first?["text"] as? String == "Hello from the ")
            #expect(anthropic.json?["stop_reason"] as? String == "stop_sequence")
            #expect(anthropic.json?["stop_sequence"] as? String == "fault")
        }
    }

    // MARK: Faults

    @Test func statusFaultSendsErrorShapeAndRetryAfterThenRecovers() async throws {
        try await Self.withServer(.init(faults: [.status(429, retryAfter: "1"), .status(503)])) { server in
            let limited = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "1")
            let error = try #require(limited.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == "rate_limit_exceeded")
            #expect(error["message"] is String)

            let unavailable = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(unavailable.status == 503)
            #expect(unavailable.header("retry-after") == nil)

            let recovered = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(recovered.status == 200)
        }
    }

    @Test func statusFaultOnMessagesUsesAnthropicShapeOrGivenBody() async throws {
        try await Self.withServer(.init(faults: [.status(529), .status(400, body: "{\"custom\":true}")])) { server in
            let overloaded = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(), headers: Self.anthropicHeaders)
            #expect(overloaded.status == 529)
            #expect(overloaded.json?["type"] as? String == "error")
            #expect((overloaded.json?["error"] as? [String: Any])?["type"] as? String == "overloaded_error")

            let custom = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(), headers: Self.anthropicHeaders)
            #expect(custom.status == 400)
            #expect(custom.text == "{\"custom\":true}")
        }
    }

    @Test func hangSendsNothingThenCloses() async throws {
        try await Self.withServer(.init(faults: [.hangBeforeFirstByte(.milliseconds(300))])) { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(result.status == nil)
            #expect(result.body.isEmpty)
            #expect(result.error != nil)
            #expect(result.elapsed >= .milliseconds(300))
            #expect(server.requestCount == 1, "the request was read before the hang")
        }
    }

    @Test func hangOutlastingTheClientTimesItOut() async throws {
        try await Self.withServer(.init(faults: [.hangBeforeFirstByte(.seconds(5))])) { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(), timeout: 0.3)
            #expect(result.status == nil)
            #expect(result.error != nil)
            #expect(result.elapsed < .seconds(2))
        }
    }

    @Test func shutdownEndsHangingConnections() async throws {
        let server = try await FaultServer.start(.init(faults: [.hangBeforeFirstByte(.seconds(30))]))
        let pending = Task { await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat()) }
        while server.requestCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let clock = ContinuousClock()
        let took = try await clock.measure { try await server.shutdown() }
        // Far below the 30 s hang: shutdown closed the connection instead of waiting it out.
        #expect(took < .seconds(5))
        let result = await pending.value
        #expect(result.status == nil)
        #expect(result.error != nil)
    }

    @Test func cutStreamStopsAfterTheDeltasWithoutDone() async throws {
        try await Self.withServer(.init(faults: [.cutMidStream(afterTokens: 2), .cutMidStream(afterTokens: 1)])) {
            server in
            let openAI = await FaultProbe.send(
                "\(server.baseURL)/chat/completions", json: Self.chat(["stream": true]))
            #expect(openAI.status == 200)
            #expect(Self.chatText(openAI.events) == "Hello from")
            #expect(!openAI.text.contains("[DONE]"))
            #expect(!openAI.text.contains("\"finish_reason\":\"stop\""))
            #expect(openAI.error != nil, "the chunked body never ended")

            let anthropic = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["stream": true]), headers: Self.anthropicHeaders)
            #expect(Self.anthropicText(anthropic.events) == "Hello")
            #expect(!anthropic.events.contains { $0.event == "message_stop" || $0.event == "message_delta" })
        }
    }

    @Test func cutNonStreamingBodyIsShorterThanAnnounced() async throws {
        try await Self.withServer(.init(faults: [.cutMidStream(afterTokens: 0)])) { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(result.error != nil)
            #expect(result.json == nil)
        }
    }

    @Test func malformedSSEIsAnEventStreamOfGarbage() async throws {
        try await Self.withServer(.init(faults: [.malformedSSE, .malformedSSE])) { server in
            let openAI = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(["stream": true]))
            #expect(openAI.status == 200)
            #expect(openAI.header("content-type") == "text/event-stream")
            #expect(openAI.events.count >= 2)
            #expect(openAI.events.filter { $0.data != "[DONE]" }.allSatisfy { $0.json == nil })

            let anthropic = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["stream": true]), headers: Self.anthropicHeaders)
            #expect(anthropic.header("content-type") == "text/event-stream")
            #expect(anthropic.events.contains { $0.event == "content_block_delta" && $0.json == nil })
        }
    }

    @Test func malformedJSONBreaksTheBodyOrOneStreamLine() async throws {
        try await Self.withServer(.init(faults: [.malformedJSON, .malformedJSON, .malformedJSON])) { server in
            let plain = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(plain.status == 200)
            #expect(plain.header("content-type") == "application/json")
            #expect(!plain.body.isEmpty)
            #expect((try? JSONSerialization.jsonObject(with: plain.body)) == nil)

            let streamed = await FaultProbe.send(
                "\(server.baseURL)/chat/completions", json: Self.chat(["stream": true]))
            let broken = streamed.events.filter { $0.data != "[DONE]" && $0.json == nil }
            #expect(broken.count == 1)
            #expect(streamed.events.last?.data == "[DONE]")

            let anthropic = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(["stream": true]), headers: Self.anthropicHeaders)
            #expect(anthropic.events.filter { $0.json == nil }.count == 1)
        }
    }

    @Test func slowDripSpreadsDeltasOverTime() async throws {
        let interval = Duration.milliseconds(60)
        try await Self.withServer(.init(faults: [.slowDrip(interval: interval)])) { server in
            // 1 role chunk, then 5 deltas with 4 gaps between them.
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat(["stream": true]))
            #expect(Self.chatText(result.events) == "Hello from the fault server")
            #expect(result.events.last?.data == "[DONE]")
            // Events 2...6 are the deltas; arrival times jitter a little around the server's sleeps.
            let times = try (2...6).map { try #require(result.timeOfEvent($0)) }
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps.allSatisfy { $0 >= interval / 2 }, "deltas arrived over time, not at once: \(gaps)")
            #expect(times.last! - times.first! >= interval * 3)
            #expect(result.arrivals.count >= 5, "each delta was flushed on its own")
        }
    }

    @Test func slowDripOfAPlainBodyStillGivesValidJSON() async throws {
        try await Self.withServer(.init(faults: [.slowDrip(interval: .milliseconds(40))])) { server in
            let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(result.json != nil)
            #expect(result.elapsed >= .milliseconds(160))
        }
    }

    @Test func latencyDelaysEveryResponse() async throws {
        try await Self.withServer(.init(latency: .milliseconds(150))) { server in
            let result = await FaultProbe.send("\(server.baseURL)/models", method: "GET")
            #expect(result.status == 200)
            #expect(result.elapsed >= .milliseconds(150))
        }
    }

    // MARK: Keys, counting, recording

    @Test func requiredKeyRefusesMissingOrWrongKeys() async throws {
        try await Self.withServer(.init(requiredKey: "sk-right")) { server in
            let url = "\(server.baseURL)/chat/completions"
            let missing = await FaultProbe.send(url, json: Self.chat())
            #expect(missing.status == 401)
            #expect((missing.json?["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")

            let wrong = await FaultProbe.send(url, json: Self.chat(), headers: ["Authorization": "Bearer sk-wrong"])
            #expect(wrong.status == 401)
            #expect(!wrong.text.contains("sk-wrong"), "the error never repeats a key")

            let right = await FaultProbe.send(url, json: Self.chat(), headers: ["Authorization": "Bearer sk-right"])
            #expect(right.status == 200)

            let messagesURL = "\(server.baseURL)/messages"
            let bearerOnly = await FaultProbe.send(
                messagesURL, json: Self.messages(),
                headers: ["Authorization": "Bearer sk-right", "anthropic-version": "2023-06-01"])
            #expect(bearerOnly.status == 401)
            #expect((bearerOnly.json?["error"] as? [String: Any])?["type"] as? String == "authentication_error")

            let keyed = await FaultProbe.send(
                messagesURL, json: Self.messages(),
                headers: ["x-api-key": "sk-right", "anthropic-version": "2023-06-01"])
            #expect(keyed.status == 200)
        }
    }

    @Test func requestsAreCountedAndRecorded() async throws {
        try await Self.withServer { server in
            #expect(server.requestCount == 0)
            _ = await FaultProbe.send("\(server.rootURL)/v1/models", method: "GET")
            _ = await FaultProbe.send(
                "\(server.baseURL)/chat/completions?trace=1", json: Self.chat(["temperature": 0.5]),
                headers: ["Authorization": "Bearer sk-x"])
            _ = await FaultProbe.send(
                "\(server.baseURL)/messages", json: Self.messages(), headers: Self.anthropicHeaders)
            #expect(server.requestCount == 3)
            let requests = server.requests
            #expect(requests.map(\.method) == ["GET", "POST", "POST"])
            #expect(requests.map(\.path) == ["/v1/models", "/v1/chat/completions", "/v1/messages"])
            #expect(requests[1].header("AUTHORIZATION") == "Bearer sk-x")
            #expect(requests[1].json()?["temperature"] as? Double == 0.5)
            #expect(requests[2].header("anthropic-version") == "2023-06-01")
            #expect(requests[2].bodyString.contains("claude-x"))
        }
    }

    @Test func concurrentRequestsAreAllCounted() async throws {
        try await Self.withServer { server in
            let statuses = await withTaskGroup(of: Int?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat()).status
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 8))
            #expect(server.requestCount == 8)
        }
    }

    @Test func setBehaviourChangesTheReplyAndRestartsFaults() async throws {
        try await Self.withServer(.init(faults: [.status(500)])) { server in
            let failed = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(failed.status == 500)
            server.setBehaviour(.init(faults: [.status(404)], reply: "changed"))
            let again = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            #expect(again.status == 404)
            let answered = await FaultProbe.send("\(server.baseURL)/chat/completions", json: Self.chat())
            let choice = (answered.json?["choices"] as? [[String: Any]])?.first
            #expect((choice?["message"] as? [String: Any])?["content"] as? String == "changed")
        }
    }

    @Test func defaultTokensAreWordsWithTheirSpaces() {
        let behaviour = FaultServer.Behaviour(reply: "a  bc d")
        #expect(behaviour.usage.output == 3)
        #expect(FaultServer.Behaviour(tokens: ["x", "y"]).usage == (5, 2) ? true : false)
    }
}
