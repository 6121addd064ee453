import Foundation

extension FaultServer {
    /// Anthropic's Messages API (`/v1/messages`), streaming as named events from `message_start`
    /// to `message_stop`.
    struct AnthropicDialect: Dialect {
        var model: String
        var id = "msg_fault\(UUID().uuidString.prefix(8).lowercased())"

        func response(_ plan: ReplyPlan) -> String {
            var message = message(plan, content: content(plan))
            message["stop_reason"] = stopReason(plan)
            message["stop_sequence"] = stopSequence(plan)
            message["usage"] = ["input_tokens": plan.inputTokens, "output_tokens": plan.outputTokens]
            return jsonText(message)
        }

        func streamStart(_ plan: ReplyPlan) -> [SSEEvent] {
            var start = message(plan, content: [])
            start["stop_reason"] = NSNull()
            start["stop_sequence"] = NSNull()
            // The real API reports a token or so here and the total in `message_delta`.
            start["usage"] = ["input_tokens": plan.inputTokens, "output_tokens": 1]
            let textStart = event(
                "content_block_start",
                ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]])
            return [event("message_start", ["type": "message_start", "message": start])]
                + (hasTextBlock(plan) ? [textStart] : [])
                // The real API sends pings; clients must skip events they do not use.
                + [event("ping", ["type": "ping"])]
        }

        func streamDelta(_ token: String) -> SSEEvent {
            event(
                "content_block_delta",
                ["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": token]])
        }

        func streamEnd(_ plan: ReplyPlan) -> [SSEEvent] {
            (hasTextBlock(plan) ? [event("content_block_stop", ["type": "content_block_stop", "index": 0])] : [])
                + toolUseEvents(plan) + [
                    event(
                        "message_delta",
                        [
                            "type": "message_delta",
                            "delta": ["stop_reason": stopReason(plan), "stop_sequence": stopSequence(plan)],
                            "usage": ["output_tokens": plan.outputTokens],
                        ]),
                    event("message_stop", ["type": "message_stop"]),
                ]
        }

        func garbageStream() -> [SSEEvent] {
            [
                SSEEvent(event: "message_start", data: "this is not json"),
                SSEEvent(event: "content_block_delta", data: "<html><body>502 Bad Gateway</body></html>"),
                SSEEvent(event: "content_block_delta", data: "{\"type\": oops"),
                event("message_stop", ["type": "message_stop"]),
            ]
        }

        static func errorBody(status: Int, message: String) -> String {
            let type =
                switch status {
                case 400: "invalid_request_error"
                case 401: "authentication_error"
                case 403: "permission_error"
                case 404: "not_found_error"
                case 413: "request_too_large"
                case 429: "rate_limit_error"
                case 529: "overloaded_error"
                default: status < 500 ? "invalid_request_error" : "api_error"
                }
            return jsonText(["type": "error", "error": ["type": type, "message": message]])
        }

        func streamError(message: String) -> [SSEEvent] {
            [event("error", ["type": "error", "error": ["type": "api_error", "message": message]])]
        }

        private func message(_ plan: ReplyPlan, content: [Any]) -> [String: Any] {
            ["id": id, "type": "message", "role": "assistant", "model": model, "content": content]
        }

        func event(_ name: String, _ object: [String: Any]) -> SSEEvent {
            SSEEvent(event: name, data: jsonText(object))
        }

        private func stopReason(_ plan: ReplyPlan) -> String {
            if !plan.toolCalls.isEmpty { return "tool_use" }
            return switch plan.finish {
            case .endOfReply: "end_turn"
            case .stopSequence: "stop_sequence"
            case .maxTokens: "max_tokens"
            }
        }

        private func stopSequence(_ plan: ReplyPlan) -> Any {
            if case .stopSequence(let stop) = plan.finish { stop } else { NSNull() }
        }
    }
}
