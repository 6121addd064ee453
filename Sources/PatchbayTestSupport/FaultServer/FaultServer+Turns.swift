extension FaultServer {
    /// One scripted model turn: text, tool calls, or both. `Behaviour.turns` holds a queue of
    /// them, so a test can play a whole tool loop: calls, then the answer once results come back.
    public struct Turn: Sendable {
        /// The text, streamed as its words (or as `tokens` when set), before any call.
        public var text: String
        public var tokens: [String]?
        public var toolCalls: [ToolCallScript]
        /// OpenAI streams only: the calls' fragments alternate (call 0's, call 1's, call 0's…)
        /// instead of one call after the other, as some servers send parallel calls.
        public var interleaved: Bool

        public init(
            text: String = "", tokens: [String]? = nil, toolCalls: [ToolCallScript] = [], interleaved: Bool = false
        ) {
            self.text = text
            self.tokens = tokens
            self.toolCalls = toolCalls
            self.interleaved = interleaved
        }

        /// A final answer.
        public static func answer(_ text: String) -> Turn { Turn(text: text) }

        /// A turn of calls, with optional text before them.
        public static func calls(_ calls: ToolCallScript..., text: String = "", interleaved: Bool = false) -> Turn {
            Turn(text: text, toolCalls: calls, interleaved: interleaved)
        }
    }

    /// One tool call as the server streams it. Nothing checks it against the request's tools:
    /// an unknown name or arguments that are not JSON go out as written.
    public struct ToolCallScript: Sendable {
        public var id: String
        public var name: String
        /// The arguments text in the pieces the stream carries, one per delta; joined, they are
        /// the arguments.
        public var fragments: [String]

        public var arguments: String { fragments.joined() }

        public init(id: String, name: String, fragments: [String]) {
            self.id = id
            self.name = name
            self.fragments = fragments
        }

        /// `arguments` cut into `pieces` fragments of about equal length (fewer when shorter).
        public init(id: String, name: String, arguments: String, pieces: Int = 3) {
            let characters = Array(arguments)
            let size = max(1, (characters.count + max(pieces, 1) - 1) / max(pieces, 1))
            let fragments = stride(from: 0, to: characters.count, by: size).map {
                String(characters[$0..<min($0 + size, characters.count)])
            }
            self.init(id: id, name: name, fragments: fragments)
        }
    }
}
