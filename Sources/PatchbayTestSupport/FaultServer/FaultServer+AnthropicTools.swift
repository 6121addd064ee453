import PatchbayCore

/// Tool calls in Anthropic's dialect: `tool_use` content blocks after the text block, streamed
/// as `content_block_start` (id, name), `input_json_delta` pieces and `content_block_stop`.
extension FaultServer.AnthropicDialect {
    /// Whether the message has a text block: not when the turn is calls alone (the API then
    /// starts with the first `tool_use` block at index 0).
    func hasTextBlock(_ plan: ReplyPlan) -> Bool { !plan.tokens.isEmpty || plan.toolCalls.isEmpty }

    /// The events of every call's block, numbered after the text block.
    func toolUseEvents(_ plan: ReplyPlan) -> [SSEEvent] {
        let first = hasTextBlock(plan) ? 1 : 0
        return plan.toolCalls.enumerated().flatMap { offset, call in
            let index = first + offset
            let block: [String: Any] = ["type": "tool_use", "id": call.id, "name": call.name, "input": [String: Any]()]
            // The real API opens every input with an empty piece.
            return [
                event("content_block_start", ["type": "content_block_start", "index": index, "content_block": block])
            ]
                + ([""] + call.fragments).map {
                    event(
                        "content_block_delta",
                        [
                            "type": "content_block_delta", "index": index,
                            "delta": ["type": "input_json_delta", "partial_json": $0],
                        ])
                } + [event("content_block_stop", ["type": "content_block_stop", "index": index])]
        }
    }

    /// The content of a non-streamed answer. An input that is not JSON goes out as a string: the
    /// real API never sends one, and a client must not crash on it either.
    func content(_ plan: ReplyPlan) -> [Any] {
        let text: [Any] = hasTextBlock(plan) ? [["type": "text", "text": plan.text]] : []
        return text
            + plan.toolCalls.map {
                let input = (try? JSONValue(parsing: $0.arguments)) ?? .string($0.arguments)
                return ["type": "tool_use", "id": $0.id, "name": $0.name, "input": input]
            }
    }
}
