import PatchbayCore

/// OpenAI's function calling: `tools` in the request, `tool_calls` on assistant messages and
/// in stream deltas, role `tool` messages carrying results.
extension OpenAIBackend {
    static func tools(_ tools: [ToolSpec]) -> JSONValue {
        .array(
            tools.map {
                [
                    "type": "function",
                    "function": [
                        "name": .string($0.name), "description": .string($0.description), "parameters": $0.parameters,
                    ],
                ]
            })
    }

    /// One chat message in the API's shape: an assistant turn with its calls, a tool result
    /// paired with its call by id, or plain text.
    static func message(_ message: ChatMessage) -> JSONValue {
        if let calls = message.toolCalls, !calls.isEmpty {
            // The API takes null content beside calls; an empty string is refused by some servers.
            return [
                "role": .string(message.role), "content": message.content.isEmpty ? .null : .string(message.content),
                "tool_calls": .array(calls.map(toolCall)),
            ]
        }
        if message.role == "tool" {
            return [
                "role": "tool", "tool_call_id": .string(message.toolCallID ?? ""), "content": .string(message.content),
            ]
        }
        return ["role": .string(message.role), "content": .string(message.content)]
    }

    /// Arguments go back as the text the model wrote when it was not JSON, so the model sees
    /// its own mistake beside the result that names it.
    private static func toolCall(_ call: ToolCall) -> JSONValue {
        let arguments = call.argumentsError == nil ? call.arguments.compactJSON : call.arguments.stringValue ?? ""
        return [
            "id": .string(call.id), "type": "function",
            "function": ["name": .string(call.name), "arguments": .string(arguments)],
        ]
    }

    /// Takes the `tool_calls` fragments of one chunk's delta. The first fragment of a call
    /// carries its index, id and name; later ones the same index and a piece of the arguments.
    /// A server that leaves out `index` is taken to number calls by their place in the list.
    static func addToolCalls(
        _ fragments: JSONValue?, to state: inout StreamState, _ events: AttemptEvents
    ) throws(ProviderFailure) {
        guard let fragments = fragments?.arrayValue else { return }
        for (place, fragment) in fragments.enumerated() {
            try state.addTool(
                index: fragment["index"]?.intValue ?? place, id: fragment["id"]?.stringValue,
                name: fragment["function"]?["name"]?.stringValue,
                arguments: fragment["function"]?["arguments"]?.stringValue, events)
        }
    }
}
