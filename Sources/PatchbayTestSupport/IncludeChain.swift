/// Graph files g0 → g1 → … → g(count-1) for the sub-graph limit tests: each names the next
/// `width` times in a row of `graph` nodes; the last is input → output. Keys are file names.
public enum IncludeChain {
    public static func files(_ count: Int, width: Int) -> [String: String] {
        var files: [String: String] = [:]
        for i in 0..<count {
            var text = "patchbay: 1\nnodes:\n  x: { kind: input, type: string }\n"
            var wires = ["x -> y"]
            if i < count - 1 {
                for w in 0..<width { text += "  s\(w): { kind: graph, graph: g\(i + 1).graph.yaml }\n" }
                wires = (0..<width).map { w in "\(w == 0 ? "x" : "s\(w - 1).y") -> s\(w).x" } + ["s\(width - 1).y -> y"]
            }
            files["g\(i).graph.yaml"] = text + "  y: { kind: output }\nwires:\n" + wires.map { "  - \($0)\n" }.joined()
        }
        return files
    }
}
