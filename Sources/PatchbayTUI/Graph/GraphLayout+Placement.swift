import PatchbayPresentation

/// Coordinates for ordered slots, and wire routes between them.
///
/// Worked out in two axes that the orientation maps to x and y: the *primary* axis runs across
/// layers (x when left to right), the *secondary* one along a layer. Between two layers lies a
/// gap with one vertical lane ("track") per source that needs to turn, so wires of different
/// sources never share a lane and every junction drawn is a real one.
struct Placement {
    var boxes: [Rect]
    var routes: [GraphLayout.Route] = []
    var width = 0
    var height = 0

    private let orientation: GraphLayout.Orientation
    private var primarySize: [Int] = []
    private var secondarySize: [Int] = []
    private var portOffset: [Int] = []
    /// Secondary start of each slot.
    private var position: [Int] = []

    init(input: LayoutInput, ordering: SlotOrdering, orientation: GraphLayout.Orientation) {
        self.orientation = orientation
        boxes = Array(repeating: .zero, count: input.ids.count)
        for slot in ordering.slots {
            guard let node = slot.node else {
                primarySize.append(0)
                secondarySize.append(1)
                portOffset.append(0)
                continue
            }
            let w = GraphLayout.boxWidth(id: input.ids[node], kind: input.kinds[node])
            switch orientation {
            case .leftToRight:
                primarySize.append(w)
                secondarySize.append(GraphLayout.boxHeight)
                portOffset.append(1)  // the id row
            case .topToBottom:
                primarySize.append(GraphLayout.boxHeight)
                secondarySize.append(w)
                portOffset.append(w / 2)
            }
        }
        placeAlongLayers(ordering)
        placeAcrossLayers(ordering, ids: input.ids)
    }

    // MARK: Along a layer

    private func gap(_ a: Int, _ b: Int, _ ordering: SlotOrdering) -> Int {
        if ordering.slots[a].node == nil || ordering.slots[b].node == nil { return 1 }
        return orientation == .leftToRight ? 1 : 2
    }

    /// Stacks each layer, then pulls slots toward their neighbours' ports (down, up, down
    /// again) so chains run straight, keeping order and spacing.
    private mutating func placeAlongLayers(_ ordering: SlotOrdering) {
        position = Array(repeating: 0, count: ordering.slots.count)
        for layer in ordering.order {
            var at = 0
            for (i, s) in layer.enumerated() {
                if i > 0 { at += gap(layer[i - 1], s, ordering) }
                position[s] = at
                at += secondarySize[s]
            }
        }
        let layers = ordering.order.indices
        let sweeps: [([Int], [[Int]])] = [
            (Array(layers.dropFirst()), ordering.above),
            (Array(layers.dropLast().reversed()), ordering.below),
            (Array(layers.dropFirst()), ordering.above),
        ]
        for (sequence, neighbours) in sweeps {
            for l in sequence { align(ordering.order[l], to: neighbours, ordering) }
        }
        let least = position.min() ?? 0
        for i in position.indices { position[i] -= least }
    }

    /// Moves one layer's slots as near as their order and spacing allow to where their ports
    /// line up with the neighbours' (isotonic regression by pooling adjacent violators).
    private mutating func align(_ layer: [Int], to neighbours: [[Int]], _ ordering: SlotOrdering) {
        guard !layer.isEmpty else { return }
        var offsets: [Int] = []
        var at = 0
        for (i, s) in layer.enumerated() {
            if i > 0 { at += secondarySize[layer[i - 1]] + gap(layer[i - 1], s, ordering) }
            offsets.append(at)
        }
        let wanted: [Double] = layer.enumerated().map { i, s in
            let near = neighbours[s]
            let target: Double
            if near.isEmpty {
                target = Double(position[s])
            } else {
                let ports = near.reduce(0) { $0 + position[$1] + portOffset[$1] }
                target = Double(ports) / Double(near.count) - Double(portOffset[s])
            }
            return target - Double(offsets[i])
        }
        // Blocks of (mean, count); merge while a block sits below the one before it.
        var blocks: [(mean: Double, count: Int)] = []
        for value in wanted {
            blocks.append((value, 1))
            while blocks.count > 1, blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
                let last = blocks.removeLast()
                let prev = blocks.removeLast()
                let count = prev.count + last.count
                blocks.append(
                    ((prev.mean * Double(prev.count) + last.mean * Double(last.count)) / Double(count), count))
            }
        }
        var i = 0
        for block in blocks {
            let value = Int(block.mean.rounded(.down))
            for _ in 0..<block.count {
                position[layer[i]] = value + offsets[i]
                i += 1
            }
        }
    }

    // MARK: Across layers

    private func port(_ s: Int) -> Int { position[s] + portOffset[s] }

    private mutating func placeAcrossLayers(_ ordering: SlotOrdering, ids: [String]) {
        let order = ordering.order
        guard !order.isEmpty else { return }
        var tracks: [[Int: Int]] = []  // per gap: source slot → lane number
        for l in order.indices.dropLast() { tracks.append(lanes(order[l], ordering)) }
        // Per gap, the room its port labels need (they sit in the gap before their target).
        var labelRoom = Array(repeating: 0, count: tracks.count)
        for chain in ordering.chains where !chain.reversed {
            guard let label = chain.label, let last = chain.slots.last else { continue }
            let gap = ordering.slots[last].layer - 1
            guard labelRoom.indices.contains(gap) else { continue }
            labelRoom[gap] = max(labelRoom[gap], min(Self.maxLabelWidth, DisplayWidth.of(VisibleText.escaped(label))))
        }
        var columnStart: [Int] = []
        var columnSize: [Int] = []
        var at = 0
        for (l, layer) in order.enumerated() {
            columnStart.append(at)
            let size = max(1, layer.map { primarySize[$0] }.max() ?? 1)
            columnSize.append(size)
            at += size
            if l < tracks.count { at += gapSize(lanes: tracks[l].count, label: labelRoom[l]) }
        }
        let primaryExtent = at
        let secondaryExtent = ordering.slots.indices.map { position[$0] + secondarySize[$0] }.max() ?? 0

        for (s, slot) in ordering.slots.enumerated() {
            guard let node = slot.node else { continue }
            boxes[node] = rect(
                primary: columnStart[slot.layer], secondary: position[s], primarySize[s], secondarySize[s])
        }
        for chain in ordering.chains {
            guard let first = chain.slots.first else { continue }
            let layer0 = ordering.slots[first].layer
            var points = [(columnStart[layer0] + primarySize[first], port(first))]
            for (hop, (a, b)) in zip(chain.slots, chain.slots.dropFirst()).enumerated() {
                let l = layer0 + hop
                let (exit, entry) = (port(a), port(b))
                if exit != entry, let lane = tracks[l][a] {
                    let track = columnStart[l] + columnSize[l] + 1 + laneSpacing * lane
                    points.append((track, exit))
                    points.append((track, entry))
                }
                if ordering.slots[b].node == nil {
                    points.append((columnStart[l + 1], entry))
                    points.append((columnStart[l + 1] + columnSize[l + 1] - 1, entry))
                } else {
                    points.append((columnStart[l + 1] - 1, entry))
                }
            }
            let cells = Self.simplified(points).map { point(primary: $0.0, secondary: $0.1) }
            var route = GraphLayout.Route(
                from: ids[chain.from], to: ids[chain.to], points: cells,
                reversed: chain.reversed, bounds: Self.bounds(cells))
            if let label = chain.label, !chain.reversed, let end = cells.last, let last = chain.slots.last {
                let room = labelRoom[ordering.slots[last].layer - 1]
                let target = boxes[chain.to]
                route.label = label
                route.labelArea =
                    switch orientation {
                    // `─label─▶`: one wire cell either side.
                    case .leftToRight: Rect(x: end.x - 1 - room, y: end.y, width: room, height: 1)
                    // Set once every wire is routed (`labelsBesideArrows`).
                    case .topToBottom: Rect(x: target.x, y: end.y, width: 0, height: 1)
                    }
            }
            routes.append(route)
        }
        joinLabels()
        if orientation == .topToBottom { labelsBesideArrows() }
        let r = rect(primary: 0, secondary: 0, primaryExtent, secondaryExtent)
        width = r.width
        height = r.height
    }

    /// Lanes are two columns apart across, but adjacent rows down, where height is scarcer.
    private var laneSpacing: Int { orientation == .leftToRight ? 2 : 1 }

    /// Port labels longer than this are cut.
    static let maxLabelWidth = 16

    /// A gap holds the cell leaving the source, the lanes, and the run to the arrow head
    /// (which sits right under the last lane when drawn top to bottom), lengthened to hold port
    /// labels across: `label` columns and a wire cell. Down, a label sits beside its arrow head
    /// and takes no row.
    private func gapSize(lanes: Int, label: Int) -> Int {
        var tail = orientation == .leftToRight ? 2 : 1
        if label > 0, orientation == .leftToRight { tail += label + 1 }
        guard lanes > 0 else { return 1 + tail }
        return 2 + laneSpacing * (lanes - 1) + tail
    }

    /// Drawn top to bottom, a label goes on its arrow head's row, left of the head with a blank
    /// between (`pass ▼`), in the free cells back to the nearest wire or arrow on that row (at
    /// most `maxLabelWidth`): the row is the gap's last, and no wire runs across it. It used to
    /// take a row of its own, which pushed a sample's last nodes below a 40-row screen.
    private mutating func labelsBesideArrows() {
        for i in routes.indices {
            guard routes[i].label != nil, let head = routes[i].points.last else { continue }
            var left = max(0, head.x - 1 - Self.maxLabelWidth)
            for (j, route) in routes.enumerated() where j != i {
                for (a, b) in zip(route.points, route.points.dropFirst()) {
                    let (top, bottom) = (min(a.y, b.y), max(a.y, b.y))
                    guard top <= head.y, head.y <= bottom else { continue }
                    // The cells of this segment on the row: all of a run across, one of a run down.
                    let nearest = a.y == b.y ? max(a.x, b.x) : a.x
                    if nearest < head.x { left = max(left, nearest + 2) }
                }
                if let end = route.points.last, end.y == head.y, end.x < head.x { left = max(left, end.x + 2) }
            }
            routes[i].labelArea = Rect(x: left, y: head.y, width: max(0, head.x - 1 - left), height: 1)
        }
    }

    /// Wires from several labelled sources into one node share its last run: one label there
    /// names every port (`pass,positive`), so none is drawn over another.
    private mutating func joinLabels() {
        var first: [String: Int] = [:]
        for i in routes.indices {
            guard let label = routes[i].label else { continue }
            guard let j = first[routes[i].to] else {
                first[routes[i].to] = i
                continue
            }
            if routes[j].label?.split(separator: ",").contains(Substring(label)) != true {
                routes[j].label = (routes[j].label ?? "") + "," + label
            }
            routes[i].label = nil
            routes[i].labelArea = nil
        }
    }

    /// Lane numbers in the gap after a layer, for each source whose wires turn there. A source
    /// whose row is another wire's entry row must take an earlier lane, or the two horizontal
    /// runs would overlap and look joined; otherwise wires going down take lanes from the
    /// lowest source up and wires going up the other way, which avoids most crossings.
    private func lanes(_ layer: [Int], _ ordering: SlotOrdering) -> [Int: Int] {
        struct Net {
            var slot: Int
            var exit: Int
            var entries: Set<Int>
            var key: (Int, Int)
        }
        var nets: [Net] = []
        for a in layer {
            let exit = port(a)
            let entries = Set(ordering.below[a].map(port))
            guard entries.contains(where: { $0 != exit }) else { continue }
            let mean = Double(entries.reduce(0, +)) / Double(entries.count)
            let key = mean >= Double(exit) ? (0, -exit) : (1, exit)
            nets.append(Net(slot: a, exit: exit, entries: entries, key: key))
        }
        nets.sort { $0.key < $1.key }
        var remaining = nets
        var lanes: [Int: Int] = [:]
        while !remaining.isEmpty {
            // The first net (by preference) that no remaining net must precede.
            let pick =
                remaining.indices.first { i in
                    !remaining.contains { other in
                        other.slot != remaining[i].slot && remaining[i].entries.contains(other.exit)
                    }
                } ?? 0
            lanes[remaining[pick].slot] = lanes.count
            remaining.remove(at: pick)
        }
        return lanes
    }

    private func rect(primary: Int, secondary: Int, _ primarySize: Int, _ secondarySize: Int) -> Rect {
        switch orientation {
        case .leftToRight: Rect(x: primary, y: secondary, width: primarySize, height: secondarySize)
        case .topToBottom: Rect(x: secondary, y: primary, width: secondarySize, height: primarySize)
        }
    }

    private func point(primary: Int, secondary: Int) -> GraphLayout.Point {
        switch orientation {
        case .leftToRight: GraphLayout.Point(x: primary, y: secondary)
        case .topToBottom: GraphLayout.Point(x: secondary, y: primary)
        }
    }

    /// Drops repeated points and the middle of three in a line.
    static func simplified(_ points: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for p in points {
            if let last = out.last, last == p { continue }
            if out.count >= 2 {
                let a = out[out.count - 2]
                let b = out[out.count - 1]
                if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) { out.removeLast() }
            }
            out.append(p)
        }
        return out
    }

    static func bounds(_ points: [GraphLayout.Point]) -> Rect {
        guard let first = points.first else { return .zero }
        var (minX, minY, maxX, maxY) = (first.x, first.y, first.x, first.y)
        for p in points {
            minX = min(minX, p.x)
            minY = min(minY, p.y)
            maxX = max(maxX, p.x)
            maxY = max(maxY, p.y)
        }
        return Rect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }
}
