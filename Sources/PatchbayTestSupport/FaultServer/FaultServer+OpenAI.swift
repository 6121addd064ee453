import Foundation

extension FaultServer {
    /// OpenAI's chat completions (`/v1/chat/completions`) and legacy completions
    /// (`/v1/completions`), streaming as `data:` chunks ended by `data: [DONE]`.
    struct OpenAIDialect: Dialect {
        enum Kind: Sendable { case chat, completions }

        var kind: Kind
        var model: String
        /// `stream_options.include_usage`: every chunk has `"usage": null` and a last chunk
        /// with no choices carries the usage.
        var includeUsage: Bool
        var id = "fault-\(UUID().uuidString.prefix(8).lowercased())"
        var created = Int(Date().timeIntervalSince1970)

        private var idPrefix: String { kind == .chat ? "chatcmpl-" : "cmpl-" }

        func response(_ plan: ReplyPlan) -> String {
            var choice: [String: Any] = ["index": 0, "logprobs": NSNull(), "finish_reason": finishReason(plan)]
            switch kind {
            case .chat: choice["message"] = message(plan)
            case .completions: choice["text"] = plan.text
            }
            return jsonText([
                "id": idPrefix + id, "object": kind == .chat ? "chat.completion" : "text_completion",
                "created": created, "model": model, "choices": [choice], "usage": usage(plan),
            ])
        }

        func streamStart(_ plan: ReplyPlan) -> [SSEEvent] {
            // The real chat stream opens with the role; completions have no such chunk.
            kind == .chat ? [chunk(["role": "assistant", "content": ""], finish: nil)] : []
        }

        func streamDelta(_ token: String) -> SSEEvent {
            chunk(kind == .chat ? ["content": token] : token, finish: nil)
        }

        func streamEnd(_ plan: ReplyPlan) -> [SSEEvent] {
            var events = toolCallChunks(plan)
            events.append(chunk(kind == .chat ? [String: Any]() : "", finish: finishReason(plan)))
            if includeUsage {
                events.append(SSEEvent(data: jsonText(envelope(choices: [], usage: usage(plan)))))
            }
            events.append(SSEEvent(data: "[DONE]"))
            return events
        }

        func garbageStream() -> [SSEEvent] {
            [
                SSEEvent(data: "this is not json"),
                SSEEvent(data: "<html><body>502 Bad Gateway</body></html>"),
                SSEEvent(data: "{\"id\": oops"),
                SSEEvent(data: "[DONE]"),
            ]
        }

        static func errorBody(status: Int, message: String) -> String {
            let (type, code): (String, Any) =
                switch status {
                case 401: ("invalid_request_error", "invalid_api_key")
                case 404: ("invalid_request_error", "not_found")
                case 429: ("requests", "rate_limit_exceeded")
                case 500...: ("server_error", NSNull())
                default: ("invalid_request_error", NSNull())
                }
            return jsonText(["error": ["message": message, "type": type, "param": NSNull(), "code": code]])
        }

        func streamError(message: String) -> [SSEEvent] {
            [
                SSEEvent(
                    data: jsonText([
                        "error": ["message": message, "type": "server_error", "param": NSNull(), "code": NSNull()]
                    ])),
                SSEEvent(data: "[DONE]"),
            ]
        }

        /// One chunk; `delta` is the chat delta object or the completion text.
        func chunk(_ delta: Any, finish: String?) -> SSEEvent {
            var choice: [String: Any] = ["index": 0, "logprobs": NSNull(), "finish_reason": finish ?? NSNull()]
            switch kind {
            case .chat: choice["delta"] = delta
            case .completions: choice["text"] = delta
            }
            return SSEEvent(data: jsonText(envelope(choices: [choice], usage: includeUsage ? NSNull() : nil)))
        }

        private func envelope(choices: [Any], usage: Any?) -> [String: Any] {
            var object: [String: Any] = [
                "id": idPrefix + id, "object": kind == .chat ? "chat.completion.chunk" : "text_completion",
                "created": created, "model": model, "choices": choices,
            ]
            if let usage { object["usage"] = usage }
            return object
        }

        private func finishReason(_ plan: ReplyPlan) -> String {
            if kind == .chat, !plan.toolCalls.isEmpty { return "tool_calls" }
            return plan.finish == .maxTokens ? "length" : "stop"
        }

        private func usage(_ plan: ReplyPlan) -> [String: Int] {
            [
                "prompt_tokens": plan.inputTokens, "completion_tokens": plan.outputTokens,
                "total_tokens": plan.inputTokens + plan.outputTokens,
            ]
        }
    }
}
