/// Where a step ran: node ids from the top-level graph down, with the pass of a `map` or `loop`
/// in brackets, counted from 0 — `review/refine[2]/critique` is the third pass. An `llm` node's
/// tool loop adds its turns and calls, the call labelled with its tool:
/// `agent/turn[2]/call[1]:get_current_time`.
public struct StepPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public struct Component: Sendable, Hashable {
        public var node: String
        /// The item (map) or pass (loop) inside this node, for steps below it.
        public var index: Int?
        /// What this component is about, when its name alone does not say (a call's tool).
        public var label: String?

        public init(node: String, index: Int? = nil, label: String? = nil) {
            self.node = node
            self.index = index
            self.label = label
        }

        var text: String {
            var text = node
            if let index { text += "[\(index)]" }
            if let label { text += ":\(label)" }
            return text
        }
    }

    public var components: [Component]

    public init(_ components: [Component]) { self.components = components }

    public init(node: String) { self.components = [Component(node: node)] }

    public static let root = StepPath([])

    /// Reads a path back from its description (`review/refine[2]/critique`).
    public init(parsing text: String) {
        components = text.split(separator: "/").map { whole in
            var part = whole
            var label: String?
            if let colon = part.firstIndex(of: ":") {
                label = String(part[part.index(after: colon)...])
                part = part[..<colon]
            }
            if part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            {
                return Component(node: String(part[..<open]), index: index, label: label)
            }
            return Component(node: String(part), label: label)
        }
    }

    public var node: String { components.last?.node ?? "" }

    public func appending(_ node: String, index: Int? = nil, label: String? = nil) -> StepPath {
        // One allocation, sized once: every step of a run makes a path.
        var longer: [Component] = []
        longer.reserveCapacity(components.count + 1)
        longer.append(contentsOf: components)
        longer.append(Component(node: node, index: index, label: label))
        return StepPath(longer)
    }

    /// This path with its last component entered at `index` (`refine` → `refine[2]`).
    public func entering(index: Int) -> StepPath {
        var copy = self
        copy.components[copy.components.count - 1].index = index
        return copy
    }

    /// The path without indices (`refine/critique`): what breakpoints and node lookups match.
    public var nodePath: String { components.map(\.node).joined(separator: "/") }

    public var description: String {
        components.map(\.text).joined(separator: "/")
    }

    /// `nodePath` with the last component's label (`agent/turn/call:get_current_time`): a
    /// breakpoint there stops before that tool's calls only; one on `nodePath` before every call.
    public var labelledNodePath: String? {
        components.last?.label.map { nodePath + ":" + $0 }
    }

    /// Whether this is a tool call of an `llm` node's loop (`agent/turn[1]/call[0]:lookup`):
    /// only calls carry a label.
    public var isToolCall: Bool { components.last.map { $0.node == "call" && $0.label != nil } ?? false }

    public static func < (a: StepPath, b: StepPath) -> Bool { a.description < b.description }
}
