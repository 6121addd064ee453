/// Where a step ran: node ids from the top-level graph down, with the pass of a `map` or `loop`
/// in brackets, counted from 0 — `review/refine[2]/critique` is the third pass.
public struct StepPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public struct Component: Sendable, Hashable {
        public var node: String
        /// The item (map) or pass (loop) inside this node, for steps below it.
        public var index: Int?

        public init(node: String, index: Int? = nil) {
            self.node = node
            self.index = index
        }
    }

    public var components: [Component]

    public init(_ components: [Component]) { self.components = components }

    public init(node: String) { self.components = [Component(node: node)] }

    public static let root = StepPath([])

    /// Reads a path back from its description (`review/refine[2]/critique`).
    public init(parsing text: String) {
        components = text.split(separator: "/").map { part in
            if part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            {
                return Component(node: String(part[..<open]), index: index)
            }
            return Component(node: String(part))
        }
    }

    public var node: String { components.last?.node ?? "" }

    public func appending(_ node: String) -> StepPath {
        // One allocation, sized once: every step of a run makes a path.
        var longer: [Component] = []
        longer.reserveCapacity(components.count + 1)
        longer.append(contentsOf: components)
        longer.append(Component(node: node))
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
        components.map { c in c.index.map { "\(c.node)[\($0)]" } ?? c.node }.joined(separator: "/")
    }

    public static func < (a: StepPath, b: StepPath) -> Bool { a.description < b.description }
}
