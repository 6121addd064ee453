import PatchbayCore
import PatchbayPresentation

/// Draws the visible part of a `GraphLayout` into a pane: wires first, node boxes on top.
/// Only cells inside `rect` are written, and only boxes and wires that reach the viewport are
/// visited, so a frame costs what is on screen, not the size of the graph.
public enum GraphView {
    public static func draw(
        _ layout: GraphLayout, graph: Graph, marks: GraphMarks, selection: String?, viewport: GraphViewport,
        in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs, spinnerFrame: Int
    ) {
        let area = rect.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        if layout.boxes.isEmpty {
            let hint = graph.nodes.isEmpty ? "(no nodes: press a to add one)" : "(nothing to draw)"
            buffer.put(hint, x: area.x + 1, y: area.y, style: theme.dim, clip: area)
            return
        }
        // The canvas cells behind `area`.
        let window = Rect(
            x: viewport.x + (area.x - rect.x), y: viewport.y + (area.y - rect.y), width: area.width, height: area.height
        )
        let shiftX = area.x - window.x
        let shiftY = area.y - window.y

        var raster = WireRaster(window: window, orientation: layout.orientation)
        for route in layout.routes where !route.bounds.intersection(window).isEmpty {
            raster.add(route, highlighted: selection != nil && (route.from == selection || route.to == selection))
        }
        let table = WireRaster.table(glyphs)
        for row in 0..<window.height {
            for column in 0..<window.width {
                let i = row * window.width + column
                let mask = raster.masks[i]
                guard mask != 0 else { continue }
                let style = raster.highlighted[i] ? theme.wireSelected : theme.wire
                buffer[area.x + column, area.y + row] = Cell(table[Int(mask)], style: style)
            }
        }
        let arrow = layout.orientation == .leftToRight ? glyphs.arrowRight : glyphs.arrowDown
        for head in raster.arrows {
            buffer.put(
                arrow, x: head.point.x + shiftX, y: head.point.y + shiftY,
                style: head.highlighted ? theme.wireSelected : theme.wire, clip: area)
        }

        for route in layout.routes {
            guard let label = route.label, let room = route.labelArea, !room.intersection(window).isEmpty else {
                continue
            }
            let lit = selection != nil && (route.from == selection || route.to == selection)
            drawLabel(
                label, in: room, at: route.points.last?.x ?? room.x, orientation: layout.orientation,
                shift: (shiftX, shiftY), style: lit ? theme.wireSelected : theme.wire, glyphs: glyphs, clip: area,
                on: &buffer)
        }

        let context = BoxContext(marks: marks, theme: theme, glyphs: glyphs, spinnerFrame: spinnerFrame, clip: area)
        for layer in layout.layers {
            for id in layer {
                guard let box = layout.boxes[id], !box.intersection(window).isEmpty else { continue }
                let screen = Rect(x: box.x + shiftX, y: box.y + shiftY, width: box.width, height: box.height)
                drawBox(
                    id: id, kind: layout.kinds[id] ?? "", in: screen,
                    exit: layout.exits.contains(id) ? layout.orientation : nil,
                    selected: id == selection, context: context, on: &buffer)
            }
        }
    }

    struct BoxContext {
        var marks: GraphMarks
        var theme: Theme
        var glyphs: Glyphs
        var spinnerFrame: Int
        var clip: Rect
    }

    /// One node:
    /// ```
    /// ┌────────────┐
    /// │✓ summarize │
    /// │  llm       │
    /// └────────────┘
    /// ```
    /// A breakpoint replaces the top-left corner, a problem puts `!` at the end of the id row,
    /// an output changed since the previous run `Δ` at the end of the kind row, and a port tee
    /// marks where the node's wires leave.
    static func drawBox(
        id: String, kind: String, in box: Rect, exit: GraphLayout.Orientation?, selected: Bool,
        context c: BoxContext, on buffer: inout CellBuffer
    ) {
        let g = c.glyphs
        let status = c.marks.statuses[id] ?? .idle
        let statusStyle = StatusMark.style(status, theme: c.theme)
        let problem = c.marks.problems.contains(id)
        var border = problem ? c.theme.error : (status == .idle ? c.theme.border : statusStyle)
        if selected {
            border.bold = true
            border.dim = false
        }
        let w = box.width
        let inner = String(repeating: g.horizontal, count: max(0, w - 2))
        buffer.put(g.topLeft + inner + g.topRight, x: box.x, y: box.y, style: border, clip: c.clip)
        buffer.put(g.bottomLeft + inner + g.bottomRight, x: box.x, y: box.maxY - 1, style: border, clip: c.clip)
        for row in (box.y + 1)..<(box.maxY - 1) {
            buffer.put(g.vertical, x: box.x, y: row, style: border, clip: c.clip)
            buffer.put(g.vertical, x: box.maxX - 1, y: row, style: border, clip: c.clip)
        }
        switch exit {
        case .leftToRight?: buffer.put(g.teeRight, x: box.maxX - 1, y: box.y + 1, style: border, clip: c.clip)
        case .topToBottom?: buffer.put(g.teeDown, x: box.x + w / 2, y: box.maxY - 1, style: border, clip: c.clip)
        case nil: break
        }
        if c.marks.breakpoints.contains(id) {
            buffer.put(g.breakpoint, x: box.x, y: box.y, style: c.theme.breakpoint, clip: c.clip)
        }

        // Text columns: glyph, blank, then id/kind up to the blank before the marker column.
        let textWidth = w - 6
        buffer.put(
            StatusMark.glyph(status, glyphs: g, spinnerFrame: c.spinnerFrame), x: box.x + 1, y: box.y + 1,
            style: statusStyle, clip: c.clip)
        putFitted(
            id, x: box.x + 3, y: box.y + 1, width: textWidth, style: c.theme.text, ellipsis: g.ellipsis, clip: c.clip,
            on: &buffer)
        let end = putFitted(
            kind, x: box.x + 3, y: box.y + 2, width: textWidth, style: c.theme.dim, ellipsis: g.ellipsis, clip: c.clip,
            on: &buffer)
        if NodeKind(rawValue: kind)?.hasSubgraph == true {
            buffer.put(
                g.subgraph, x: end + 1, y: box.y + 2, style: c.theme.info.bolded,
                clip: c.clip.intersection(Rect(x: box.x, y: box.y, width: w - 1, height: box.height)))
        }
        if problem {
            buffer.put("!", x: box.maxX - 2, y: box.y + 1, style: c.theme.error, clip: c.clip)
        }
        if c.marks.changed.contains(id) {
            buffer.put(g.changed, x: box.maxX - 2, y: box.y + 2, style: c.theme.info.bolded, clip: c.clip)
        }
        if selected {
            let selection = c.theme.selection
            buffer.restyle(Rect(x: box.x + 1, y: box.y + 1, width: w - 2, height: 1).intersection(c.clip)) { style in
                style.reverse = style.reverse || selection.reverse
                style.bold = true
                style.dim = false
                if selection.foreground != .terminal { style.foreground = selection.foreground }
                if selection.background != .terminal { style.background = selection.background }
            }
        }
    }

    /// A wire's port label in its area (canvas cells; `shift` maps them to the screen, `clip` is
    /// the pane): against the arrow, which the area ends before (after a wire cell across, a
    /// blank down).
    static func drawLabel(
        _ label: String, in area: Rect, at arrowX: Int, orientation: GraphLayout.Orientation, shift: (x: Int, y: Int),
        style: Style, glyphs: Glyphs, clip: Rect, on buffer: inout CellBuffer
    ) {
        let visible = VisibleText.escaped(label)
        let width = min(area.width, DisplayWidth.of(visible))
        guard width > 0 else { return }
        let x = area.maxX - width
        let screen = Rect(x: x + shift.x, y: area.y + shift.y, width: width, height: 1)
        putFitted(
            label, x: screen.x, y: screen.y, width: width, style: style, ellipsis: glyphs.ellipsis,
            clip: screen.intersection(clip), on: &buffer)
    }

    /// Writes `text` in at most `width` columns, cut with an ellipsis; returns the next column.
    @discardableResult
    static func putFitted(
        _ text: String, x: Int, y: Int, width: Int, style: Style, ellipsis: String, clip: Rect,
        on buffer: inout CellBuffer
    ) -> Int {
        guard width > 0 else { return x }
        let visible = VisibleText.escaped(text)
        let area = clip.intersection(Rect(x: x, y: y, width: width, height: 1))
        if DisplayWidth.of(visible) <= width {
            buffer.put(visible, x: x, y: y, style: style, clip: area)
            return x + DisplayWidth.of(visible)
        }
        let cut = DisplayWidth.prefix(visible, fitting: width - DisplayWidth.of(ellipsis))
        let next = buffer.put(String(cut.text), x: x, y: y, style: style, clip: area)
        return buffer.put(ellipsis, x: next, y: y, style: style, clip: area)
    }
}
