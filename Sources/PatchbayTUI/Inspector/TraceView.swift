import Foundation
import PatchbayPresentation

/// The steps of a run, one per row: number, status glyph, path (indented by depth), status,
/// duration and tokens. Only the visible rows are looked at, so a 10,000-step trace costs
/// what a screenful does.
public enum TraceView {
    /// Column widths for a pane width: the path gives way first (down to `minPath`), then
    /// tokens, status word and duration are dropped in that order.
    struct Columns: Equatable {
        var number: Int
        var path: Int
        var status: Int
        var duration: Int
        var tokens: Int

        static let minPath = 20

        init(width: Int, numberDigits: Int) {
            var status = 9
            var duration = 8
            var tokens = 10
            func used() -> Int {
                numberDigits + 1 + 2 + (status > 0 ? status + 1 : 0) + (duration > 0 ? duration + 1 : 0)
                    + (tokens > 0 ? tokens + 1 : 0)
            }
            let minPath = min(Self.minPath, width / 2)
            if width - used() < minPath { tokens = 0 }
            if width - used() < minPath { status = 0 }
            if width - used() < minPath { duration = 0 }
            self.number = numberDigits
            self.status = status
            self.duration = duration
            self.tokens = tokens
            self.path = max(1, width - used())
        }
    }

    public static func draw(
        _ rows: [TraceRow], selection: Int?, scroll: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme,
        glyphs: Glyphs, focused: Bool, now: Date, spinnerFrame: Int
    ) {
        buffer.fill(rect)
        guard !rect.isEmpty else { return }
        if rows.isEmpty {
            buffer.put("no steps yet", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
            return
        }
        let maxNumber = max(rows.count, rows.last?.number ?? 0, rows.first?.number ?? 0)
        let columns = Columns(width: rect.width, numberDigits: max(2, String(maxNumber).count))
        let showHeader = rect.height >= 3
        let body = Rect(
            x: rect.x, y: rect.y + (showHeader ? 1 : 0), width: rect.width, height: rect.height - (showHeader ? 1 : 0))
        if showHeader { drawHeader(columns, y: rect.y, in: rect, on: &buffer, theme: theme) }

        let selected = selection.map { max(0, min($0, rows.count - 1)) }
        var top = max(0, min(scroll, rows.count - body.height))
        if let selected { top = Self.scroll(toShow: selected, scroll: top, height: body.height) }
        let end = min(rows.count, top + body.height)
        for index in top..<end {
            let y = body.y + index - top
            drawRow(
                rows[index], columns: columns, y: y, in: body, on: &buffer, theme: theme, glyphs: glyphs, now: now,
                spinnerFrame: spinnerFrame)
            if index == selected {
                let cursor = focused ? theme.selection : Style(reverse: true, underline: false)
                buffer.restyle(Rect(x: body.x, y: y, width: body.width, height: 1)) {
                    $0 = InspectorView.highlight($0, with: cursor)
                }
            }
        }
    }

    /// The scroll that keeps `selection` in a window of `height` rows, moving as little as it can.
    public static func scroll(toShow selection: Int, scroll: Int, height: Int) -> Int {
        let rows = max(1, height)
        if selection < scroll { return max(0, selection) }
        if selection >= scroll + rows { return selection - rows + 1 }
        return max(0, scroll)
    }

    /// Rows of steps a pane of `rect` shows (one goes to the column header when there is room).
    public static func visibleRowCount(in rect: Rect) -> Int {
        rect.height >= 3 ? rect.height - 1 : rect.height
    }

    // MARK: - Pieces

    private static func drawHeader(_ columns: Columns, y: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme)
    {
        var x = rect.x
        x = putRight("#", width: columns.number, x: x, y: y, style: theme.dim, clip: rect, on: &buffer) + 3
        buffer.put("path", x: x, y: y, style: theme.dim, clip: rect)
        x += columns.path
        if columns.status > 0 {
            buffer.put("status", x: x + 1, y: y, style: theme.dim, clip: rect)
            x += columns.status + 1
        }
        if columns.duration > 0 {
            x = putRight("time", width: columns.duration, x: x + 1, y: y, style: theme.dim, clip: rect, on: &buffer)
        }
        if columns.tokens > 0 {
            _ = putRight("in/out", width: columns.tokens, x: x + 1, y: y, style: theme.dim, clip: rect, on: &buffer)
        }
    }

    private static func drawRow(
        _ row: TraceRow, columns: Columns, y: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme,
        glyphs: Glyphs,
        now: Date, spinnerFrame: Int
    ) {
        let statusStyle = StatusMark.style(row.status, theme: theme)
        var x = rect.x
        x = putRight(
            row.number.map { String($0) } ?? "", width: columns.number, x: x, y: y, style: theme.dim, clip: rect,
            on: &buffer)
        x += 1
        buffer.put(
            StatusMark.glyph(row.status, glyphs: glyphs, spinnerFrame: spinnerFrame), x: x, y: y, style: statusStyle,
            clip: rect)
        x += 2
        let pathStyle = row.status.role == .muted ? theme.dim : theme.text
        buffer.put(
            fitPath(row, width: columns.path, ellipsis: glyphs.ellipsis), x: x, y: y, style: pathStyle, clip: rect)
        x += columns.path
        if columns.status > 0 {
            buffer.put(
                row.statusWord, x: x + 1, y: y, style: statusStyle,
                clip: Rect(x: x + 1, y: y, width: columns.status, height: 1))
            x += columns.status + 1
        }
        if columns.duration > 0 {
            let text = row.elapsed(now: now).map { DurationText.compact($0) } ?? ""
            x = putRight(text, width: columns.duration, x: x + 1, y: y, style: theme.text, clip: rect, on: &buffer)
        }
        if columns.tokens > 0, let usage = row.usage {
            _ = putRight(
                TokenText.compact(usage), width: columns.tokens, x: x + 1, y: y, style: theme.dim, clip: rect,
                on: &buffer)
        }
    }

    /// The path indented two columns per level (at most a quarter of the column), cut from the
    /// left with an ellipsis so the node's own name stays.
    static func fitPath(_ row: TraceRow, width: Int, ellipsis: String) -> String {
        let indent = min(2 * row.depth, width / 4)
        let room = width - indent
        let text = row.pathText
        let full = DisplayWidth.of(text)
        let pad = String(repeating: " ", count: indent)
        if full <= room { return pad + text }
        let keep = room - DisplayWidth.of(ellipsis)
        guard keep > 0 else { return pad + String(DisplayWidth.prefix(text, fitting: room).text) }
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let before = text.index(before: start)
            let w = DisplayWidth.of(text[before])
            if used + w > keep { break }
            used += w
            start = before
        }
        return pad + ellipsis + text[start...]
    }

    /// Writes `text` right-aligned in `width` columns from `x`; returns the column after them.
    private static func putRight(
        _ text: String, width: Int, x: Int, y: Int, style: Style, clip: Rect, on buffer: inout CellBuffer
    ) -> Int {
        let w = DisplayWidth.of(text)
        let area = Rect(x: x, y: y, width: width, height: 1).intersection(clip)
        buffer.put(text, x: x + max(0, width - w), y: y, style: style, clip: area)
        return x + width
    }
}
