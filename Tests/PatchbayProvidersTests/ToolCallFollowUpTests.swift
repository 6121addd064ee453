import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// The request after a turn of calls carries the assistant's calls and each call's result,
/// paired by id, in each API's shape; and how tools sit beside Anthropic's forced `answer` tool.
@Suite("Tool calls and results sent back")
struct ToolCallFollowUpTests {
    typealias Call = FaultServer.ToolCallScript

    /// Plays a turn of calls, answers them, plays the final answer: two requests, the second's
    /// body returned with both responses.
    func loop(_ kind: ProviderKind, _ first: FaultServer.Turn, schema: JSONSchema? = nil, tools: [ToolSpec]? = nil)
        async throws -> (ModelResponse, ModelResponse, [JSONValue])
    {
        try await ToolWire.withServer(kind, turns: [first, .answer("Sunny, and nine in the evening.")]) {
            server, hub in
            var request = ToolWire.request(ToolWire.question)
            request.schema = schema
            if let tools { request.tools = tools }
            let calls = try await ProviderHubFaultTests.ask(hub, request)
            request.messages = ToolWire.answered(ToolWire.question, calls)
            let answer = try await ProviderHubFaultTests.ask(hub, request)
            #expect(server.requestCount == 2)
            return (calls, answer, [try ToolWire.sent(server, 0), try ToolWire.sent(server, 1)])
        }
    }

    @Test func openAISendsTheCallsAndToolMessagesPairedByID() async throws {
        let (calls, answer, bodies) = try await loop(
            .openai,
            .calls(
                Call(id: "call_a", name: "weather", arguments: #"{"city":"Paris"}"#),
                Call(id: "call_bad", name: "clock", arguments: #"{"zone": "Asi"#)))
        #expect(calls.toolCalls.map(\.id) == ["call_a", "call_bad"])
        #expect(answer.text == "Sunny, and nine in the evening." && answer.toolCalls.isEmpty)
        #expect(
            bodies[1]["messages"]
                == [
                    ["role": "system", "content": "Be brief."],
                    ["role": "user", "content": "Weather in Paris, time in Tokyo?"],
                    [
                        "role": "assistant", "content": .null,
                        "tool_calls": [
                            [
                                "id": "call_a", "type": "function",
                                "function": ["name": "weather", "arguments": #"{"city":"Paris"}"#],
                            ],
                            // Not JSON: sent back as the model wrote it.
                            [
                                "id": "call_bad", "type": "function",
                                "function": ["name": "clock", "arguments": #"{"zone": "Asi"#],
                            ],
                        ],
                    ],
                    ["role": "tool", "tool_call_id": "call_a", "content": "result of call_a"],
                    ["role": "tool", "tool_call_id": "call_bad", "content": "result of call_bad"],
                ])
        #expect(bodies[1]["tools"] == bodies[0]["tools"] && bodies[0]["tools"] != nil)
    }

    @Test func anthropicSendsToolUseBlocksAndOneUserMessageOfResults() async throws {
        let (calls, answer, bodies) = try await loop(
            .anthropic,
            .calls(
                Call(id: "toolu_a", name: "weather", arguments: #"{"city":"Paris"}"#),
                Call(id: "toolu_b", name: "clock", arguments: #"{"zone":"Asia/Tokyo"}"#), text: "Checking."))
        #expect(calls.text == "Checking." && calls.toolCalls.map(\.id) == ["toolu_a", "toolu_b"])
        #expect(answer.text == "Sunny, and nine in the evening." && answer.toolCalls.isEmpty)
        #expect(bodies[1]["system"] == "Be brief.")
        #expect(
            bodies[1]["messages"]
                == [
                    ["role": "user", "content": "Weather in Paris, time in Tokyo?"],
                    [
                        "role": "assistant",
                        "content": [
                            ["type": "text", "text": "Checking."],
                            ["type": "tool_use", "id": "toolu_a", "name": "weather", "input": ["city": "Paris"]],
                            ["type": "tool_use", "id": "toolu_b", "name": "clock", "input": ["zone": "Asia/Tokyo"]],
                        ],
                    ],
                    [
                        "role": "user",
                        "content": [
                            ["type": "tool_result", "tool_use_id": "toolu_a", "content": "result of toolu_a"],
                            ["type": "tool_result", "tool_use_id": "toolu_b", "content": "result of toolu_b"],
                        ],
                    ],
                ])
    }

    /// Not through a server: a turn without text and malformed arguments, which the API's
    /// `tool_use.input` (an object) cannot carry, and a user message after the results.
    @Test func anthropicMessagesWithoutTextOrWithBadArguments() {
        let bad = ToolCall(id: "toolu_x", name: "clock", rawArguments: "{oops")
        let messages = AnthropicBackend.messages([
            ChatMessage(role: "system", content: "Be brief."),
            ChatMessage(role: "user", content: "Time?"),
            ChatMessage(role: "assistant", content: "", toolCalls: [bad]),
            ChatMessage(role: "tool", content: "error: arguments are not JSON", toolCallID: "toolu_x", isError: true),
            ChatMessage(role: "user", content: "Try again."),
        ])
        #expect(
            messages == [
                ["role": "user", "content": "Time?"],
                [
                    "role": "assistant",
                    "content": [["type": "tool_use", "id": "toolu_x", "name": "clock", "input": [:]]],
                ],
                [
                    "role": "user",
                    "content": [
                        [
                            "type": "tool_result", "tool_use_id": "toolu_x", "content": "error: arguments are not JSON",
                            "is_error": true,
                        ]
                    ],
                ],
                ["role": "user", "content": "Try again."],
            ])
    }

    static let person = try! JSONSchema([
        "type": "object", "required": ["name"], "properties": ["name": ["type": "string"]],
    ])

    /// With `schema:` enforced as the forced tool and tools of the node's own: all are offered,
    /// one must be called, and calling `answer` is the answer (its input the text), no call.
    @Test func anthropicOffersTheAnswerToolBesideTheNodesTools() async throws {
        let (calls, answer, bodies) = try await ToolWire.withServer(
            .anthropic,
            turns: [
                .calls(Call(id: "toolu_a", name: "weather", arguments: #"{"city":"Paris"}"#)),
                .calls(Call(id: "toolu_z", name: "answer", arguments: #"{"name":"Ann"}"#)),
            ]
        ) { server, hub in
            var request = ToolWire.request(ToolWire.question)
            request.schema = Self.person
            let calls = try await ProviderHubFaultTests.ask(hub, request)
            request.messages = ToolWire.answered(ToolWire.question, calls)
            let answer = try await ProviderHubFaultTests.ask(hub, request)
            return (calls, answer, [try ToolWire.sent(server, 0), try ToolWire.sent(server, 1)])
        }
        #expect(calls.toolCalls.map(\.name) == ["weather"])
        #expect(answer.text == #"{"name":"Ann"}"# && answer.toolCalls.isEmpty)
        for body in bodies {
            #expect(body["tool_choice"] == ["type": "any"])
            #expect(body["tools"]?.arrayValue?.map { $0["name"] } == ["weather", "clock", "answer"])
        }
    }

    /// A node tool named `answer` is the node's: the schema is then validated only.
    @Test func aNodeToolNamedAnswerWinsOverTheSchemaTool() async throws {
        let own = ToolSpec(name: "answer", description: "Look up an answer.", parameters: ["type": "object"])
        let (calls, _, bodies) = try await loop(
            .anthropic, .calls(Call(id: "toolu_a", name: "answer", arguments: #"{"q":"x"}"#)), schema: Self.person,
            tools: [own])
        #expect(calls.toolCalls == [ToolCall(id: "toolu_a", name: "answer", arguments: ["q": "x"])])
        #expect(bodies[0]["tool_choice"] == nil)
        #expect(bodies[0]["tools"]?.arrayValue?.map { $0["description"] } == ["Look up an answer."])
    }
}
