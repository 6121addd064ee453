/// Turns a `LayoutSpec` into rects. Children always tile their parent exactly: sizes that do
/// not add up are settled deterministically (the last children give or take the difference).
public enum LayoutSolver {
    /// The smallest pane the solver and the resize keys keep, when there is room for it.
    public static let minPaneColumns = 10
    public static let minPaneRows = 3

    public static func solve(_ spec: LayoutSpec, in rect: Rect, zoomed: PaneID?, adjustments: [String: Int])
        -> LayoutResult
    {
        var result = LayoutResult(order: spec.panes)
        if rect.width < spec.minWidth || rect.height < spec.minHeight {
            result.tooSmall = true
            return result
        }
        if let zoomed, spec.contains(zoomed) {
            result.panes = [(zoomed, rect)]
            return result
        }
        place(spec.root, in: rect, path: "0", adjustments: adjustments, into: &result)
        return result
    }

    /// Grows (or with a negative `delta`, shrinks) `pane` by moving the boundary of the
    /// innermost split that can move one of its sides, clamped so no pane gets under
    /// `minPaneRows`/`minPaneColumns`. Nothing changes when there is no such split.
    public static func adjust(
        _ adjustments: inout [String: Int], spec: LayoutSpec, growing pane: PaneID, by delta: Int, in rect: Rect
    ) {
        var chain: [Level] = []
        guard levels(to: pane, node: spec.root, rect: rect, path: "0", adjustments: adjustments, chain: &chain) else {
            return
        }
        guard let level = chain.reversed().first(where: { $0.index <= 1 && $0.children.count >= 2 }) else { return }
        let length = level.axis == .columns ? level.rect.width : level.rect.height
        let base = sizes(of: level.children, along: level.axis, length: length, adjustment: 0)
        let mins = level.children.map { minimum($0, along: level.axis) }
        let current = adjustments[level.path] ?? 0
        let low = mins[0] - base[0]
        let high = base[1] - mins[1]
        guard low <= high else { return }
        let wanted = current + (level.index == 0 ? delta : -delta)
        let clamped = max(low, min(high, wanted))
        adjustments[level.path] = clamped == 0 ? nil : clamped
    }

    // MARK: Placing

    private static func place(
        _ node: LayoutNode, in rect: Rect, path: String, adjustments: [String: Int], into result: inout LayoutResult
    ) {
        switch node {
        case .pane(let id, _):
            result.panes.append((id, rect))
        case .split(let axis, let children, _):
            let rects = childRects(children, axis: axis, in: rect, adjustment: adjustments[path] ?? 0)
            for (index, child) in children.enumerated() {
                place(child, in: rects[index], path: "\(path).\(index)", adjustments: adjustments, into: &result)
                if index + 1 < children.count {
                    let next = rects[index + 1]
                    let handle =
                        axis == .columns
                        ? Rect(x: next.x, y: rect.y, width: 1, height: rect.height)
                        : Rect(x: rect.x, y: next.y, width: rect.width, height: 1)
                    result.handles.append(SplitHandle(path: path, axis: axis, index: index, rect: handle))
                }
            }
        }
    }

    private static func childRects(_ children: [LayoutNode], axis: LayoutAxis, in rect: Rect, adjustment: Int) -> [Rect]
    {
        let length = axis == .columns ? rect.width : rect.height
        var offset = axis == .columns ? rect.x : rect.y
        return sizes(of: children, along: axis, length: length, adjustment: adjustment).map { size in
            defer { offset += size }
            return axis == .columns
                ? Rect(x: offset, y: rect.y, width: size, height: rect.height)
                : Rect(x: rect.x, y: offset, width: rect.width, height: size)
        }
    }

    /// Sizes along the axis that add up to `length` exactly.
    static func sizes(of children: [LayoutNode], along axis: LayoutAxis, length: Int, adjustment: Int) -> [Int] {
        guard !children.isEmpty else { return [] }
        var sizes = [Int](repeating: 0, count: children.count)
        var flexible: [Int] = []
        for (index, child) in children.enumerated() {
            switch child.size {
            case .percent(let p): sizes[index] = (length * p + 50) / 100
            case .cells(let n): sizes[index] = n
            case nil: flexible.append(index)
            }
        }
        let rest = length - sizes.reduce(0, +)
        if !flexible.isEmpty, rest > 0 {
            for (k, index) in flexible.enumerated() {
                sizes[index] = rest / flexible.count + (k < rest % flexible.count ? 1 : 0)
            }
        }
        let mins = children.map { minimum($0, along: axis) }
        // A child squeezed under its minimum takes it back from the others when they can spare it.
        if mins.reduce(0, +) <= length {
            for index in sizes.indices where sizes[index] < mins[index] { sizes[index] = mins[index] }
        }
        var difference = length - sizes.reduce(0, +)
        if difference > 0 { sizes[sizes.count - 1] += difference }
        for floor in [true, false] where difference < 0 {
            for index in sizes.indices.reversed() where difference < 0 {
                let spare = sizes[index] - (floor ? mins[index] : 0)
                guard spare > 0 else { continue }
                let take = min(spare, -difference)
                sizes[index] -= take
                difference += take
            }
        }
        if adjustment != 0, sizes.count >= 2 {
            // Moves the boundary after the first child, never under a minimum that was kept.
            let d =
                adjustment > 0
                ? min(adjustment, max(0, sizes[1] - mins[1]))
                : max(adjustment, min(0, mins[0] - sizes[0]))
            sizes[0] += d
            sizes[1] -= d
        }
        return sizes
    }

    /// The least a subtree needs along an axis: panes need a few rows and columns.
    static func minimum(_ node: LayoutNode, along axis: LayoutAxis) -> Int {
        switch node {
        case .pane: return axis == .columns ? minPaneColumns : minPaneRows
        case .split(let splitAxis, let children, _):
            let mins = children.map { minimum($0, along: axis) }
            return splitAxis == axis ? mins.reduce(0, +) : (mins.max() ?? 0)
        }
    }

    // MARK: Finding a pane's splits

    private struct Level {
        var path: String
        var axis: LayoutAxis
        var index: Int
        var rect: Rect
        var children: [LayoutNode]
    }

    /// The splits from the root down to `pane`, each with the index of the child holding it.
    private static func levels(
        to pane: PaneID, node: LayoutNode, rect: Rect, path: String, adjustments: [String: Int], chain: inout [Level]
    ) -> Bool {
        switch node {
        case .pane(let id, _): return id == pane
        case .split(let axis, let children, _):
            let rects = childRects(children, axis: axis, in: rect, adjustment: adjustments[path] ?? 0)
            for (index, child) in children.enumerated() {
                chain.append(Level(path: path, axis: axis, index: index, rect: rect, children: children))
                if levels(
                    to: pane, node: child, rect: rects[index], path: "\(path).\(index)", adjustments: adjustments,
                    chain: &chain)
                {
                    return true
                }
                chain.removeLast()
            }
            return false
        }
    }
}
