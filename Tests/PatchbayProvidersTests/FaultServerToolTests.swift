import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// The fault server's scripted turns, seen raw: the non-streamed bodies the back ends never ask
/// for, real stream shapes (Anthropic's calls-only turn starts at block 0) and the turn queue's
/// rules (a faulted request takes no turn, so a retry gets the same one).
@Suite("FaultServer tool turns")
struct FaultServerToolTests {
    static let turn = FaultServer.Turn.calls(
        .init(id: "call_a", name: "weather", arguments: #"{"city":"Paris"}"#),
        .init(id: "call_b", name: "clock", arguments: "{bad"))

    @Test func nonStreamedBodiesCarryTheCalls() async throws {
        try await FaultServerTests.withServer(.init(turns: [Self.turn, Self.turn])) { server in
            let chat = await FaultProbe.send("\(server.baseURL)/chat/completions", json: FaultServerTests.chat())
            let body = try JSONValue(parsing: chat.text)
            let choice = body["choices"]?.arrayValue?.first
            #expect(choice?["finish_reason"] == "tool_calls")
            #expect(choice?["message"]?["content"] == .null)
            #expect(
                choice?["message"]?["tool_calls"]?.arrayValue?.map { $0["function"]?["arguments"] } == [
                    #"{"city":"Paris"}"#, "{bad",
                ])

            let messages = await FaultProbe.send(
                "\(server.baseURL)/messages", json: FaultServerTests.messages(),
                headers: FaultServerTests.anthropicHeaders)
            let message = try JSONValue(parsing: messages.text)
            #expect(message["stop_reason"] == "tool_use")
            #expect(
                message["content"]
                    == [
                        ["type": "tool_use", "id": "call_a", "name": "weather", "input": ["city": "Paris"]],
                        ["type": "tool_use", "id": "call_b", "name": "clock", "input": "{bad"],
                    ])
        }
    }

    @Test func anthropicCallsOnlyTurnStreamsFromBlockZero() async throws {
        try await FaultServerTests.withServer(.init(turns: [Self.turn])) { server in
            let result = await FaultProbe.send(
                "\(server.baseURL)/messages", json: FaultServerTests.messages(["stream": true]),
                headers: FaultServerTests.anthropicHeaders)
            let starts = result.events.filter { $0.event == "content_block_start" }.compactMap { $0.json }
            #expect(starts.map { $0["index"] as? Int } == [0, 1])
            #expect(
                starts.map { ($0["content_block"] as? [String: Any])?["type"] as? String } == ["tool_use", "tool_use"])
        }
    }

    @Test func aFaultedRequestTakesNoTurn() async throws {
        let behaviour = FaultServer.Behaviour(faults: [.status(503)], turns: [.answer("first"), .answer("second")])
        try await FaultServerTests.withServer(behaviour) { server in
            var texts: [String?] = []
            for _ in 0..<4 {
                let result = await FaultProbe.send("\(server.baseURL)/chat/completions", json: FaultServerTests.chat())
                texts.append(
                    (try? JSONValue(parsing: result.text))?["choices"]?.arrayValue?.first?["message"]?["content"]?
                        .stringValue)
            }
            // Past the queue: the behaviour's reply.
            #expect(texts == [nil, "first", "second", "Hello from the fault server"])
            #expect(server.requestCount == 4)
        }
    }
}
