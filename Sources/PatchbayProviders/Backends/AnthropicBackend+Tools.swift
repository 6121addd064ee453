import PatchbayCore

/// Anthropic's tool use: `tools` in the request, `tool_use` content blocks on assistant turns and
/// in the stream, `tool_result` blocks in the user turn that answers them.
///
/// With a `schema:` enforced as the forced `answer` tool (constrain `tool`) and tools of the
/// node's own, the request offers both and makes the model call one of them (`tool_choice:
/// any`): calling `answer` is the final answer, its input streamed as the text, as without tools.
/// A node tool that is itself named `answer` wins: the schema is then validated only.
extension AnthropicBackend {
    static func tools(_ tools: [ToolSpec]) -> [JSONValue] {
        tools.map {
            ["name": .string($0.name), "description": .string($0.description), "input_schema": $0.parameters]
        }
    }

    /// The chat's turns in the API's shape (system messages are the caller's). Results of
    /// consecutive tool messages share one user message: the API wants every result of a turn's
    /// calls in the message right after it.
    static func messages(_ chat: [ChatMessage]) -> [JSONValue] {
        var messages: [JSONValue] = []
        var results: [JSONValue] = []
        func flushResults() {
            guard !results.isEmpty else { return }
            messages.append(["role": "user", "content": .array(results)])
            results = []
        }
        for message in chat where message.role != "system" {
            if message.role == "tool" {
                var result: [String: JSONValue] = [
                    "type": "tool_result", "tool_use_id": .string(message.toolCallID ?? ""),
                    "content": .string(message.content),
                ]
                if message.isError == true { result["is_error"] = true }
                results.append(.object(result))
                continue
            }
            flushResults()
            if let calls = message.toolCalls, !calls.isEmpty {
                // The API refuses empty text blocks.
                var blocks: [JSONValue] =
                    message.content.isEmpty ? [] : [["type": "text", "text": .string(message.content)]]
                blocks += calls.map(toolUse)
                messages.append(["role": .string(message.role), "content": .array(blocks)])
            } else {
                messages.append(["role": .string(message.role), "content": .string(message.content)])
            }
        }
        flushResults()
        return messages
    }

    /// A `tool_use` block's input must be an object: arguments that were not one (the model's
    /// malformed text, answered by an error result) go back empty.
    private static func toolUse(_ call: ToolCall) -> JSONValue {
        [
            "type": "tool_use", "id": .string(call.id), "name": .string(call.name),
            "input": call.arguments.objectValue == nil ? [:] : call.arguments,
        ]
    }
}

extension StreamState {
    /// A `content_block_start`: a `tool_use` block opens a call at the block's index, unless it
    /// is the forced `answer` tool, whose input is the answer's text.
    mutating func startAnthropicBlock(_ payload: JSONValue, answerTool: Bool, _ events: AttemptEvents)
        throws(ProviderFailure)
    {
        let block = payload["content_block"]
        guard block?["type"] == "tool_use", let index = payload["index"]?.intValue else { return }
        let name = block?["name"]?.stringValue
        if answerTool, name == AnthropicBackend.toolName { return }
        try addTool(index: index, id: block?["id"]?.stringValue, name: name, events)
    }

    /// A `content_block_delta`: a piece of a call's arguments is taken here (nil back); a text
    /// piece, or the answer tool's input, is returned as the answer's delta.
    mutating func anthropicDelta(_ payload: JSONValue, _ events: AttemptEvents) throws(ProviderFailure) -> String? {
        let delta = payload["delta"]
        if let index = payload["index"]?.intValue, toolCalls.contains(index) {
            try addTool(index: index, arguments: delta?["partial_json"]?.stringValue, events)
            return nil
        }
        return delta?["text"]?.stringValue ?? delta?["partial_json"]?.stringValue
    }
}
