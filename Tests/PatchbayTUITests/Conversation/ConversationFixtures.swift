import Foundation

@testable import PatchbayCore
@testable import PatchbayTUI

/// A run of an `llm` node with tools as the engine records it: turn 0 asks for two calls (one
/// of a tool that does not exist), turn 1 answers, then the node's own step.
enum ConversationFixtures {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static let agent = Node(
        id: "agent", kind: .llm,
        fields: [
            "model": "default", "system": "Answer briefly.", "prompt": "{{question}}",
            "tools": [["mcp": "time"]], "max_turns": 4,
        ])

    static let system: JSONValue = ["role": "system", "content": "Answer briefly."]
    static let user: JSONValue = ["role": "user", "content": "What time is it in Tokyo?"]
    static let askTime: JSONValue = [
        "id": "call_1", "name": "get_current_time", "arguments": ["timezone": "Asia/Tokyo"],
    ]
    static let askWeather: JSONValue = ["id": "call_2", "name": "get_weather", "arguments": ["city": "Tokyo"]]
    static let time: JSONValue = [
        "timezone": "Asia/Tokyo", "datetime": "2026-12-06T14:02:11+09:00", "is_dst": false,
    ]
    static let timeText = #"{"timezone": "Asia/Tokyo", "datetime": "2026-12-06T14:02:11+09:00", "is_dst": false}"#
    static let noWeather = "There is no tool `get_weather`. The tools are: convert_time, get_current_time."
    /// Model text is untrusted: an escape sequence that would clear a terminal.
    static let answer = "It is 14:02 in Tokyo.\u{1b}[2J"

    static let turn1Messages: [JSONValue] = [
        system, user,
        ["role": "assistant", "content": "Let me check.", "tool_calls": [askTime, askWeather]],
        ["role": "tool", "content": .string(timeText), "tool_call_id": "call_1"],
        ["role": "tool", "content": .string(noWeather), "tool_call_id": "call_2"],
    ]

    static func step(
        _ id: Int, _ path: String, _ kind: NodeKind, _ status: Step.Status = .succeeded,
        inputs: [String: JSONValue] = [:], outputs: [String: JSONValue] = [:], duration: TimeInterval = 0.004,
        usage: TokenUsage? = nil
    ) -> Step {
        Step(
            id: id, path: StepPath(parsing: path), kind: kind, status: status, inputs: inputs, outputs: outputs,
            startedAt: start.addingTimeInterval(Double(id)), duration: duration, usage: usage)
    }

    static let turn0 = step(
        1, "agent/turn[0]", .llm, inputs: ["messages": [system, user]],
        outputs: ["text": "Let me check.", "tool_calls": [askTime, askWeather]], duration: 1.21,
        usage: TokenUsage(inputTokens: 52, outputTokens: 18))
    static let call0 = step(
        2, "agent/turn[0]/call[0]:get_current_time", .mcp, inputs: ["arguments": ["timezone": "Asia/Tokyo"]],
        outputs: ["result": time, "text": .string(timeText), "is_error": false], duration: 0.031)
    static let call1 = step(
        3, "agent/turn[0]/call[1]:get_weather", .mcp, inputs: ["arguments": ["city": "Tokyo"]],
        outputs: ["result": .string(noWeather), "text": .string(noWeather), "is_error": true], duration: 0.0001)
    static let turn1 = step(
        4, "agent/turn[1]", .llm, inputs: ["messages": .array(turn1Messages)],
        outputs: ["text": .string(answer), "tool_calls": []], duration: 0.84,
        usage: TokenUsage(inputTokens: 131, outputTokens: 9))
    static let node = step(
        5, "agent", .llm,
        inputs: ["question": "What time is it in Tokyo?"],
        outputs: [
            "text": .string(answer),
            "messages": .array(turn1Messages + [["role": "assistant", "content": .string(answer)]]),
            "tool_calls": [
                [
                    "turn": 0, "id": "call_1", "name": "get_current_time",
                    "arguments": ["timezone": "Asia/Tokyo"], "result": time, "is_error": false,
                ],
                [
                    "turn": 0, "id": "call_2", "name": "get_weather", "arguments": ["city": "Tokyo"],
                    "result": .string(noWeather), "is_error": true,
                ],
            ],
        ], duration: 2.1, usage: TokenUsage(inputTokens: 183, outputTokens: 27))

    static let run: [Step] = [
        step(0, "question", .input, outputs: ["value": "What time is it in Tokyo?"], duration: 0.0001),
        turn0, call0, call1, turn1, node,
        step(6, "answer", .output, inputs: ["value": .string(answer)], duration: 0.0001),
    ]

    /// Paused before the first call of turn 0, its arguments edited to Europe/Paris.
    static let pause = Pause(
        reason: .breakpoint, position: .before, path: StepPath(parsing: "agent/turn[0]/call[0]:get_current_time"),
        inputs: ["arguments": ["timezone": "Europe/Paris"]], step: nil, next: [])
}
