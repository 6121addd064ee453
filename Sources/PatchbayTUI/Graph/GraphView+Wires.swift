/// Wires rasterized for one frame: each visible cell gets a mask of the directions a line
/// leaves it in, so where wires meet the right corner, tee or cross is drawn.
struct WireRaster {
    static let up: UInt8 = 1, down: UInt8 = 2, left: UInt8 = 4, right: UInt8 = 8

    /// The visible part of the canvas.
    let window: Rect
    let orientation: GraphLayout.Orientation
    var masks: [UInt8]
    var highlighted: [Bool]
    /// Arrow heads (canvas cells) and whether their wire is highlighted.
    var arrows: [(point: GraphLayout.Point, highlighted: Bool)] = []

    init(window: Rect, orientation: GraphLayout.Orientation) {
        self.window = window
        self.orientation = orientation
        masks = Array(repeating: 0, count: window.width * window.height)
        highlighted = Array(repeating: false, count: window.width * window.height)
    }

    mutating func add(_ route: GraphLayout.Route, highlighted lit: Bool) {
        let points = route.points
        guard let first = points.first, let last = points.last else { return }
        // The ends continue toward their boxes: out of the source, into the target.
        let (outOfSource, intoTarget) = orientation == .leftToRight ? (Self.left, Self.right) : (Self.up, Self.down)
        mark(first.x, first.y, outOfSource, lit)
        mark(last.x, last.y, intoTarget, lit)
        for (a, b) in zip(points, points.dropFirst()) {
            if a.y == b.y {
                let lo = min(a.x, b.x)
                let hi = max(a.x, b.x)
                guard a.y >= window.y, a.y < window.maxY else { continue }
                let from = max(lo, window.x)
                let to = min(hi, window.maxX - 1)
                guard from <= to else { continue }
                for x in from...to {
                    mark(x, a.y, (x > lo ? Self.left : 0) | (x < hi ? Self.right : 0), lit)
                }
            } else {
                let lo = min(a.y, b.y)
                let hi = max(a.y, b.y)
                guard a.x >= window.x, a.x < window.maxX else { continue }
                let from = max(lo, window.y)
                let to = min(hi, window.maxY - 1)
                guard from <= to else { continue }
                for y in from...to {
                    mark(a.x, y, (y > lo ? Self.up : 0) | (y < hi ? Self.down : 0), lit)
                }
            }
        }
        if !route.reversed { arrows.append((last, lit)) }
    }

    private mutating func mark(_ x: Int, _ y: Int, _ bits: UInt8, _ lit: Bool) {
        guard window.contains(x: x, y: y) else { return }
        let i = (y - window.y) * window.width + (x - window.x)
        masks[i] |= bits
        if lit { highlighted[i] = true }
    }

    /// The glyph for each mask value.
    static func table(_ g: Glyphs) -> [String] {
        var table = Array(repeating: " ", count: 16)
        for mask in 1..<16 {
            let m = UInt8(mask)
            let (u, d, l, r) = (m & up != 0, m & down != 0, m & left != 0, m & right != 0)
            switch (u, d, l, r) {
            case (true, true, true, true): table[mask] = g.cross
            case (true, true, false, true): table[mask] = g.teeRight
            case (true, true, true, false): table[mask] = g.teeLeft
            case (false, true, true, true): table[mask] = g.teeDown
            case (true, false, true, true): table[mask] = g.teeUp
            case (false, true, false, true): table[mask] = g.topLeft
            case (false, true, true, false): table[mask] = g.topRight
            case (true, false, false, true): table[mask] = g.bottomLeft
            case (true, false, true, false): table[mask] = g.bottomRight
            case (_, _, false, false): table[mask] = g.vertical
            default: table[mask] = g.horizontal
            }
        }
        return table
    }
}
