import Foundation
import PatchbayCore
import PatchbayPresentation

/// What the inspector shows for a node or a trace step: a header and titled sections, as
/// values. `InspectorView` turns it into lines for a width and a fold state.
public struct InspectorContent: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        /// The node id, or the step's path (`review/loop[2]/critique`).
        public var title: String
        public var kind: String
        public var status: NodeStatus
        /// `done`, `replayed`, `cancelled`…: finer than `status`, which picks glyph and colour.
        public var statusWord: String
        public var duration: TimeInterval?
        public var usage: TokenUsage?
        public var cost: Double?
        public var cached: Bool
        public var attempts: Int
        /// A warning line under the facts: a stored run's step when the graph has changed since.
        public var notice: String?

        public init(
            title: String, kind: String, status: NodeStatus, statusWord: String? = nil, duration: TimeInterval? = nil,
            usage: TokenUsage? = nil, cost: Double? = nil, cached: Bool = false, attempts: Int = 1,
            notice: String? = nil
        ) {
            self.title = title
            self.kind = kind
            self.status = status
            self.statusWord = statusWord ?? status.rawValue
            self.duration = duration
            self.usage = usage
            self.cost = cost
            self.cached = cached
            self.attempts = attempts
            self.notice = notice
        }
    }

    public enum Tone: Sendable, Hashable { case plain, dim, error, warning }

    public enum Block: Sendable, Hashable {
        /// Prose (messages, streamed text): always wrapped, one display line per text line at least.
        case text(String, Tone)
        /// `hint: …`
        case hint(String)
        /// A placeholder like `not run yet`.
        case note(String)
        /// A validation problem with its hint.
        case problem(Diagnostic.Severity, String, hint: String?)
        /// Named JSON values (ports, fields); fold ids are `sectionID.name`.
        case values([String: JSONValue])
        /// An `llm` node's tool loop: prompt, turns, collapsible calls (see `ConversationLines`).
        case conversation(Conversation)
    }

    public struct Section: Sendable, Hashable {
        /// Also the section's fold id: `config`, `inputs`, `outputs`…
        public var id: String
        public var title: String
        public var blocks: [Block]

        public init(id: String, title: String, blocks: [Block]) {
            self.id = id
            self.title = title
            self.blocks = blocks
        }
    }

    public var header: Header
    public var sections: [Section]

    public init(header: Header, sections: [Section]) {
        self.header = header
        self.sections = sections
    }

    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }
}
