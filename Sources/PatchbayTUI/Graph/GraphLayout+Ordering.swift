/// The order of slots inside each layer: barycenter sweeps down and up, keeping the order with
/// the fewest wire crossings seen.
struct SlotOrdering {
    var slots: [Layering.Slot]
    var chains: [Layering.Chain]
    /// Slot indices per layer, in drawing order.
    var order: [[Int]]
    /// Neighbours in the layer before and after, per slot.
    var above: [[Int]]
    var below: [[Int]]

    static let passes = 8

    init(_ layering: Layering) {
        slots = layering.slots
        chains = layering.chains
        above = Array(repeating: [], count: slots.count)
        below = Array(repeating: [], count: slots.count)
        for chain in chains {
            for (a, b) in zip(chain.slots, chain.slots.dropFirst()) {
                below[a].append(b)
                above[b].append(a)
            }
        }
        var layers = Array(repeating: [Int](), count: layering.layerCount)
        for (i, slot) in slots.enumerated() { layers[slot.layer].append(i) }
        order = layers
        // First layer in file order; each next one by where its neighbours above sit.
        var position = positions()
        for l in order.indices.dropFirst() {
            order[l] = Self.sorted(order[l], by: above, position: position, fallback: .infinity)
            for (i, s) in order[l].enumerated() { position[s] = i }
        }
    }

    mutating func reduceCrossings() {
        guard order.count > 1 else { return }
        var best = order
        var bestCrossings = crossings()
        for pass in 0..<Self.passes where bestCrossings > 0 {
            var position = positions()
            let downward = pass % 2 == 0
            let sequence = downward ? Array(order.indices.dropFirst()) : Array(order.indices.dropLast().reversed())
            for l in sequence {
                order[l] = Self.sorted(order[l], by: downward ? above : below, position: position, fallback: nil)
                for (i, s) in order[l].enumerated() { position[s] = i }
            }
            let count = crossings()
            if count < bestCrossings {
                best = order
                bestCrossings = count
            }
        }
        order = best
    }

    func positions() -> [Int] {
        var position = Array(repeating: 0, count: slots.count)
        for layer in order { for (i, s) in layer.enumerated() { position[s] = i } }
        return position
    }

    /// Orders a layer by the mean position of each slot's neighbours; a slot without any keeps
    /// its place (or goes last with an infinite `fallback`). Ties keep the current order.
    static func sorted(_ layer: [Int], by neighbours: [[Int]], position: [Int], fallback: Double?) -> [Int] {
        let keyed = layer.enumerated().map { index, slot -> (key: Double, index: Int, slot: Int) in
            let near = neighbours[slot]
            if near.isEmpty { return (fallback ?? Double(index), index, slot) }
            let sum = near.reduce(0) { $0 + position[$1] }
            return (Double(sum) / Double(near.count), index, slot)
        }
        return keyed.sorted { ($0.key, $0.index) < ($1.key, $1.index) }.map(\.slot)
    }

    /// Wire crossings between adjacent layers (pairs of segments whose ends are in opposite
    /// orders).
    func crossings() -> Int {
        let position = positions()
        var total = 0
        for l in order.indices.dropLast() {
            var segments: [(Int, Int)] = []
            for a in order[l] { for b in below[a] { segments.append((position[a], position[b])) } }
            segments.sort { $0 < $1 }
            for i in segments.indices {
                for j in (i + 1)..<segments.count where segments[j].0 > segments[i].0 && segments[j].1 < segments[i].1 {
                    total += 1
                }
            }
        }
        return total
    }
}
