/// Where a debug session stops: before or after a node, every time or once.
public struct Breakpoint: Sendable, Hashable {
    /// A node path without indices (`summarize`, `refine/critique`); matches every pass.
    public var node: String
    public var position: Pause.Position
    /// Removed when first hit.
    public var oneShot: Bool

    public init(node: String, position: Pause.Position = .before, oneShot: Bool = false) {
        self.node = node
        self.position = position
        self.oneShot = oneShot
    }
}
