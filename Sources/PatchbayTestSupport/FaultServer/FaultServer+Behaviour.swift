extension FaultServer {
    /// How the server answers; change it mid-test with `FaultServer.setBehaviour(_:)`.
    public struct Behaviour: Sendable {
        /// Faults applied to successive requests (all paths, counted from the last
        /// `setBehaviour`): `faults[0]` to the first, and so on; requests past the end get `.ok`.
        public var faults: [Fault]
        /// The answer text.
        public var reply: String
        /// How the answer is split into stream deltas; when set, the answer is their
        /// concatenation. Default: the reply's words, each with the spaces before it.
        public var tokens: [String]?
        /// Added before each response.
        public var latency: Duration
        /// When set, requests must carry this key (`Authorization: Bearer K` on OpenAI paths,
        /// `x-api-key: K` on `/v1/messages`) or get 401.
        public var requiredKey: String?
        /// Scripted turns for successive model calls (counted from the last `setBehaviour`; a
        /// request refused by a fault takes none); calls past the end get `reply`.
        public var turns: [Turn]
        /// Set explicitly, or nil for the default: 5 input tokens and as many output tokens as
        /// deltas were actually sent (after `max_tokens` and `stop`).
        var usageOverride: (input: Int, output: Int)?

        /// Reported usage; by default (5, number of tokens).
        public var usage: (input: Int, output: Int) {
            get { usageOverride ?? (5, replyTokens.count) }
            set { usageOverride = newValue }
        }

        public init(
            faults: [Fault] = [], reply: String = "Hello from the fault server", tokens: [String]? = nil,
            latency: Duration = .zero, requiredKey: String? = nil, usage: (input: Int, output: Int)? = nil,
            turns: [Turn] = []
        ) {
            self.turns = turns
            self.faults = faults
            self.reply = reply
            self.tokens = tokens
            self.latency = latency
            self.requiredKey = requiredKey
            self.usageOverride = usage
        }

        /// The deltas of a full answer.
        var replyTokens: [String] { tokens ?? Self.words(reply) }

        /// "Hello from the server" -> ["Hello", " from", " the", " server"]: joined back they
        /// give the reply exactly.
        static func words(_ text: String) -> [String] {
            var result: [String] = []
            var current = ""
            for character in text {
                if character.isWhitespace, !current.isEmpty, !(current.last?.isWhitespace ?? false) {
                    result.append(current)
                    current = ""
                }
                current.append(character)
            }
            if !current.isEmpty { result.append(current) }
            return result
        }
    }
}
