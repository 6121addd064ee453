/// How far sub-graph files may nest and how big a graph may become once every sub-graph node is
/// counted with the nodes of the file it names. Small files can otherwise describe enormous work:
/// 30 files that each include the next twice stand for 2^30 nodes.
public enum GraphLimits {
    /// Files in one include chain, the root included. Checked before descending, so neither
    /// validation nor plan building recurses deeper than this.
    public static let nestingDepth = 64
    /// Nodes of the root plus, for every `graph`, `map` and `loop` node, the expanded nodes of its
    /// sub-graph (one pass of a loop, one item of a map: their counts are known only at run time).
    public static let expandedNodes = 100_000

    /// `a + b`, stopping at a value past every limit instead of overflowing.
    static func adding(_ a: Int, _ b: Int) -> Int { min(a &+ b, Int.max / 2) }
}
