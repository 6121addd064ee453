import PatchbayCore

/// What a step sent (`Step.prompt`) as both front ends show it, in one order: a completion's
/// prompt or a template's text, then each message under its role (`patchbay show --step` and the
/// workbench's "Prompt sent").
public enum SentPromptParts {
    public struct Part: Sendable, Equatable {
        /// `prompt` or `text` for a whole text; a message's role (`message` when it has none).
        public var label: String
        /// Whether the part is a message (shown under its role) rather than a whole text.
        public var isMessage: Bool
        public var content: JSONValue
    }

    public static func parts(of request: [String: JSONValue]) -> [Part] {
        var parts: [Part] = []
        for key in ["prompt", "text"] {
            if let text = request[key] { parts.append(Part(label: key, isMessage: false, content: text)) }
        }
        for message in request["messages"]?.arrayValue ?? [] {
            parts.append(
                Part(
                    label: message["role"]?.stringValue ?? "message", isMessage: true,
                    content: message["content"] ?? ""))
        }
        return parts
    }
}
