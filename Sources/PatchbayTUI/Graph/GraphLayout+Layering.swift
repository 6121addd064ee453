/// Layer assignment: longest path from the sources, inputs first and outputs last, with cycles
/// broken so the layout never loops. Edges spanning several layers get one dummy slot per
/// layer crossed, so their wires have a lane and never run through a box.
struct Layering {
    struct Slot {
        /// The node index, nil for a dummy (a wire passing through the layer).
        var node: Int?
        var layer: Int
    }

    /// A drawn edge as a chain of slots, one per layer from its first to its last.
    struct Chain {
        var from: Int
        var to: Int
        var reversed: Bool
        var slots: [Int]
        /// The edge's port label (`LayoutInput.labels`).
        var label: String?
    }

    var slots: [Slot] = []
    var chains: [Chain] = []
    var layerCount = 0
    /// Node index → its slot (the first slots are the nodes, in order).
    var nodeCount: Int

    init(_ input: LayoutInput) {
        nodeCount = input.ids.count
        let layer = Self.layers(input)
        layerCount = (layer.max() ?? -1) + 1
        slots = layer.enumerated().map { Slot(node: $0.offset, layer: $0.element) }
        for (e, edge) in input.edges.enumerated() {
            let (a, b) = (layer[edge.from], layer[edge.to])
            // Same-layer edges only happen in invalid graphs (input to input); they are left out.
            guard a != b else { continue }
            let reversed = a > b
            let (first, last) = reversed ? (edge.to, edge.from) : (edge.from, edge.to)
            var chain = [first]
            for l in (min(a, b) + 1)..<max(a, b) {
                chain.append(slots.count)
                slots.append(Slot(node: nil, layer: l))
            }
            chain.append(last)
            chains.append(
                Chain(from: edge.from, to: edge.to, reversed: reversed, slots: chain, label: input.labels[e]))
        }
    }

    /// Longest-path layers. Wires into inputs and out of outputs are ignored (inputs are first
    /// and outputs last whatever the file says); back edges found by a depth-first search are
    /// ignored too, which breaks every cycle.
    static func layers(_ input: LayoutInput) -> [Int] {
        let n = input.ids.count
        var next = Array(repeating: [Int](), count: n)
        for edge in input.edges where !input.isInput(edge.to) && !input.isOutput(edge.from) {
            next[edge.from].append(edge.to)
        }
        let dag = acyclic(next)
        var indegree = Array(repeating: 0, count: n)
        for targets in dag { for t in targets { indegree[t] += 1 } }
        var layer = Array(repeating: 0, count: n)
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in dag[u] {
                layer[v] = max(layer[v], layer[u] + 1)
                indegree[v] -= 1
                if indegree[v] == 0 { queue.append(v) }
            }
        }
        let outputs = (0..<n).filter(input.isOutput)
        let others = (0..<n).filter { !input.isOutput($0) }
        for i in 0..<n where input.isInput(i) { layer[i] = 0 }
        if !outputs.isEmpty {
            let last = others.isEmpty ? 0 : (others.map { layer[$0] }.max() ?? 0) + 1
            for o in outputs { layer[o] = last }
        }
        return compacted(layer)
    }

    /// The adjacency without back edges (iterative DFS in file order, so deep chains cannot
    /// overflow the stack).
    static func acyclic(_ next: [[Int]]) -> [[Int]] {
        let n = next.count
        var state = Array(repeating: 0, count: n)  // 0 new, 1 on the stack, 2 done
        var kept = Array(repeating: [Int](), count: n)
        for root in 0..<n where state[root] == 0 {
            var stack: [(node: Int, edge: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                if top.edge < next[top.node].count {
                    stack[stack.count - 1].edge += 1
                    let v = next[top.node][top.edge]
                    if state[v] == 1 { continue }  // back edge: dropped
                    kept[top.node].append(v)
                    if state[v] == 0 {
                        state[v] = 1
                        stack.append((v, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return kept
    }

    /// Renumbers layers so no layer is empty.
    static func compacted(_ layer: [Int]) -> [Int] {
        let used = Array(Set(layer)).sorted()
        var map: [Int: Int] = [:]
        for (i, l) in used.enumerated() { map[l] = i }
        return layer.map { map[$0] ?? 0 }
    }
}
