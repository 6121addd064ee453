import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// Streamed tool calls in both dialects become `ModelResponse.toolCalls`, whole and in order,
/// however the server splits them; what a loop must judge (bad arguments, unknown tools) is
/// passed on as it came, one request per turn.
@Suite("Tool calls streamed by the back ends")
struct ToolCallStreamTests {
    typealias Call = FaultServer.ToolCallScript

    @Test("a call split across chunks is put back together", arguments: [ProviderKind.openai, .anthropic])
    func callSplitAcrossChunks(kind: ProviderKind) async throws {
        let call = Call(id: "call_1", name: "weather", arguments: #"{"city": "Paris", "days": [1, 2]}"#, pieces: 7)
        #expect(call.fragments.count == 7)
        let tokens = TokenLog()
        let (response, requests, body) = try await ToolWire.withServer(kind, turns: [.calls(call)]) { server, hub in
            let response = try await ProviderHubFaultTests.ask(hub, ToolWire.request(ToolWire.question), tokens: tokens)
            return (response, server.requestCount, try ToolWire.sent(server, 0))
        }
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_1", name: "weather", arguments: ["city": "Paris", "days": [1, 2]])
            ])
        #expect(response.text == "")
        #expect(tokens.all.isEmpty, "arguments are no answer text")
        #expect(requests == 1)
        let names = body["tools"]?.arrayValue?.map { kind == .openai ? $0["function"]?["name"] : $0["name"] }
        #expect(names == ["weather", "clock"])
        let first = try #require(body["tools"]?.arrayValue?.first)
        if kind == .openai {
            #expect(
                first == [
                    "type": "function",
                    "function": [
                        "name": "weather", "description": "The weather in a city.",
                        "parameters": ToolWire.weather.parameters,
                    ],
                ])
        } else {
            #expect(
                first == [
                    "name": "weather", "description": "The weather in a city.",
                    "input_schema": ToolWire.weather.parameters,
                ])
        }
    }

    /// Text before the calls stays the text; calls keep the model's order. OpenAI's fragments
    /// also come interleaved, as some servers send parallel calls.
    @Test("two calls in one turn", arguments: [(ProviderKind.openai, false), (.openai, true), (.anthropic, false)])
    func twoCallsInOneTurn(kind: ProviderKind, interleaved: Bool) async throws {
        let turn = FaultServer.Turn.calls(
            Call(id: "call_a", name: "weather", arguments: #"{"city":"Paris"}"#, pieces: 4),
            Call(id: "call_b", name: "clock", arguments: #"{"zone":"Asia/Tokyo"}"#, pieces: 5),
            text: "Checking both.", interleaved: interleaved)
        let response = try await ToolWire.withServer(kind, turns: [turn]) { _, hub in
            try await ProviderHubFaultTests.ask(hub, ToolWire.request(ToolWire.question))
        }
        #expect(response.text == "Checking both.")
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_a", name: "weather", arguments: ["city": "Paris"]),
                ToolCall(id: "call_b", name: "clock", arguments: ["zone": "Asia/Tokyo"]),
            ])
    }

    @Test("arguments that are not JSON come back raw with why", arguments: [ProviderKind.openai, .anthropic])
    func malformedArguments(kind: ProviderKind) async throws {
        let turn = FaultServer.Turn.calls(
            Call(id: "call_bad", name: "weather", arguments: #"{"city": "Par"#),
            Call(id: "call_ok", name: "clock", arguments: ""))
        let response = try await ToolWire.withServer(kind, turns: [turn]) { _, hub in
            try await ProviderHubFaultTests.ask(hub, ToolWire.request(ToolWire.question))
        }
        let bad = try #require(response.toolCalls.first)
        #expect(bad.id == "call_bad" && bad.name == "weather")
        #expect(bad.arguments == .string(#"{"city": "Par"#))
        #expect(bad.argumentsError?.contains("not valid JSON") == true, "\(bad)")
        // No arguments at all: an empty object, which is what a tool without parameters gets.
        #expect(response.toolCalls.dropFirst().first == ToolCall(id: "call_ok", name: "clock", arguments: [:]))
    }

    @Test("a call to a tool the request did not offer is passed on", arguments: [ProviderKind.openai, .anthropic])
    func unknownToolPassedThrough(kind: ProviderKind) async throws {
        let turn = FaultServer.Turn.calls(Call(id: "call_x", name: "teleport", arguments: #"{"to":"Mars"}"#))
        let (response, requests) = try await ToolWire.withServer(kind, turns: [turn]) { server, hub in
            (try await ProviderHubFaultTests.ask(hub, ToolWire.request(ToolWire.question)), server.requestCount)
        }
        #expect(response.toolCalls == [ToolCall(id: "call_x", name: "teleport", arguments: ["to": "Mars"])])
        #expect(requests == 1, "the loop decides what to do, not the back end")
    }

    /// Arguments are held until the turn ends, so they count toward `value_bytes` like text.
    @Test("arguments past value_bytes stop the turn", arguments: [ProviderKind.openai, .anthropic])
    func argumentsPastTheLimit(kind: ProviderKind) async throws {
        let long = #"{"city": ""# + String(repeating: "x", count: 3000) + #""}"#
        let turn = FaultServer.Turn.calls(Call(id: "call_1", name: "weather", arguments: long, pieces: 30))
        let (error, requests) = try await ToolWire.withServer(kind, turns: [turn], limit: 1024) { server, hub in
            let error = await ProviderHubFaultTests.failure {
                try await ProviderHubFaultTests.ask(hub, ToolWire.request(ToolWire.question))
            }
            return (error, server.requestCount)
        }
        let message = try #require(error?.message)
        #expect(message.contains("tool calls over the value_bytes limit (1024 bytes)"), "\(message)")
        #expect(requests == 1, "not retried")
    }

    /// Not through a server: what OpenAI-compatible servers do beside OpenAI's own shape.
    /// Ollama numbers every call 0 (older versions sent no index at all); some send no ids.
    @Test func callsWithReusedOrMissingIndicesOrIDsStayApart() throws {
        let events = AttemptEvents(token: { _ in }, started: {})
        func calls(_ chunks: [JSONValue]) throws -> [ToolCall] {
            var state = StreamState(limit: 1 << 20)
            for chunk in chunks { try OpenAIBackend.addToolCalls(chunk, to: &state, events) }
            return state.toolCalls.calls
        }
        let paris = ToolCall(id: "a", name: "weather", arguments: ["city": "Paris"])
        let tokyo = ToolCall(id: "b", name: "clock", arguments: ["zone": "Asia/Tokyo"])
        let reused: [JSONValue] = [
            [["index": 0, "id": "a", "function": ["name": "weather", "arguments": #"{"city":"#]]],
            [["index": 0, "function": ["arguments": #""Paris"}"#]]],
            [["index": 0, "id": "b", "function": ["name": "clock", "arguments": #"{"zone":"Asia/Tokyo"}"#]]],
        ]
        #expect(try calls(reused) == [paris, tokyo])
        let unnumbered: [JSONValue] = [
            [["id": "a", "function": ["name": "weather", "arguments": #"{"city":"Paris"}"#]]],
            [["id": "b", "function": ["name": "clock", "arguments": #"{"zone":"Asia/Tokyo"}"#]]],
        ]
        #expect(try calls(unnumbered) == [paris, tokyo])
        let inOneDelta: [JSONValue] = [
            [
                ["function": ["name": "weather", "arguments": #"{"city":"Paris"}"#]],
                ["function": ["name": "clock", "arguments": #"{"zone":"Asia/Tokyo"}"#]],
            ]
        ]
        #expect(try calls(inOneDelta).map(\.id) == ["call_0", "call_1"], "made-up ids, one per call")
    }
}
