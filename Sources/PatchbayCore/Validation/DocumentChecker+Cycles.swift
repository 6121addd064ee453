/// Cycles among a file's wires. Repetition belongs in `loop`/`map` sub-graphs, so any cycle in a
/// graph's own wires is an error; each strongly connected group is reported once, naming one
/// cycle through it in order.
extension DocumentChecker {
    mutating func checkCycles(_ wiring: Wiring) {
        for component in Self.stronglyConnectedComponents(wiring.successors) {
            let members = Set(component)
            guard let start = component.min() else { continue }
            guard component.count > 1 || wiring.successors[start].contains(start) else { continue }
            let cycle = Self.shortestCycle(from: start, within: members, successors: wiring.successors)
            let names = (cycle + [start]).map { graph.nodes[$0].id }
            let closing = Wiring.Edge(from: cycle.last!, to: start)
            report(
                .wire, "cycle outside a loop: \(names.joined(separator: " → "))",
                hint: "remove one of these wires; to repeat steps, put them in a sub-graph run by a `loop` node",
                node: graph.nodes[start].id, at: wiring.edgeWire[closing].map(SourceElement.wire))
        }
    }

    /// The nodes of a shortest cycle through `start`, beginning with `start` (breadth-first).
    static func shortestCycle(from start: Int, within members: Set<Int>, successors: [[Int]]) -> [Int] {
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in successors[node] where members.contains(next) {
                if next == start {
                    var path = [node]
                    while let previous = parent[path.last!] { path.append(previous) }
                    return path.reversed()
                }
                if parent[next] == nil && next != start {
                    parent[next] = node
                    queue.append(next)
                }
            }
        }
        return [start]
    }

    /// Tarjan's algorithm without recursion, so a 10,000-node chain cannot overflow the stack.
    static func stronglyConnectedComponents(_ successors: [[Int]]) -> [[Int]] {
        let count = successors.count
        var index = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex = 0
        // (node, position in its successor list)
        var work: [(node: Int, edge: Int)] = []

        for root in 0..<count where index[root] < 0 {
            work.append((root, 0))
            while let (node, edge) = work.last {
                if edge == 0 && index[node] < 0 {
                    index[node] = nextIndex
                    lowLink[node] = nextIndex
                    nextIndex += 1
                    stack.append(node)
                    onStack[node] = true
                }
                if edge < successors[node].count {
                    work[work.count - 1].edge += 1
                    let next = successors[node][edge]
                    if index[next] < 0 {
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
