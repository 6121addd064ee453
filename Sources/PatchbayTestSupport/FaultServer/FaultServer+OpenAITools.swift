import Foundation

/// Tool calls in OpenAI's chat dialect: `tool_calls` deltas in the stream, `tool_calls` on the
/// message otherwise. Completions (`/v1/completions`) have no tools and send none.
extension FaultServer.OpenAIDialect {
    /// Each call's first chunk carries its index, id, type and name with empty arguments, as
    /// OpenAI sends them; one chunk per arguments fragment follows, all calls' alternating when
    /// the turn is `interleaved`.
    func toolCallChunks(_ plan: ReplyPlan) -> [SSEEvent] {
        guard kind == .chat else { return [] }
        let perCall: [[SSEEvent]] = plan.toolCalls.enumerated().map { index, call in
            let head: [String: Any] = [
                "index": index, "id": call.id, "type": "function",
                "function": ["name": call.name, "arguments": ""],
            ]
            return [chunk(["tool_calls": [head]], finish: nil)]
                + call.fragments.map {
                    chunk(["tool_calls": [["index": index, "function": ["arguments": $0]]]], finish: nil)
                }
        }
        guard plan.interleaved else { return perCall.flatMap { $0 } }
        let longest = perCall.map(\.count).max() ?? 0
        return (0..<longest).flatMap { step in perCall.compactMap { step < $0.count ? $0[step] : nil } }
    }

    /// The message of a non-streamed answer: null content beside calls, as the API has it.
    func message(_ plan: ReplyPlan) -> [String: Any] {
        guard !plan.toolCalls.isEmpty else { return ["role": "assistant", "content": plan.text] }
        return [
            "role": "assistant", "content": plan.text.isEmpty ? NSNull() : plan.text,
            "tool_calls": plan.toolCalls.map {
                ["id": $0.id, "type": "function", "function": ["name": $0.name, "arguments": $0.arguments]]
            },
        ]
    }
}
