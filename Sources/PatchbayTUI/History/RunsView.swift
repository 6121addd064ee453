import Foundation
import PatchbayStore

/// The runs pane: one row per stored run, newest first, under a header of column names.
/// Only the visible rows are formatted.
enum RunsView {
    static func draw(
        _ history: HistoryState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs, focused: Bool, now: Date,
        spinnerFrame: Int
    ) {
        guard !rect.isEmpty else { return }
        guard history.available else {
            buffer.put("No run store: history is off for this session.", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
            return
        }
        guard !history.runs.isEmpty else {
            buffer.put("No stored runs of this graph yet (r runs it).", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
            return
        }
        let wide = rect.width >= 60
        let header = columns("", "#", "run", "when", "steps", wide ? "tokens" : nil, "time", "origin")
        buffer.put(header, x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
        let visible = max(1, rect.height - 1)
        let scroll = visibleScroll(selection: history.selection, scroll: history.scroll, height: visible)
        for (row, index) in (scroll..<min(history.runs.count, scroll + visible)).enumerated() {
            let run = history.runs[index]
            let y = rect.y + 1 + row
            let selected = index == history.selection
            let shown = history.shown?.summary.id == run.id
            let status = RunsText.status(run.status)
            let glyph = StatusMark.glyph(status, glyphs: glyphs, spinnerFrame: spinnerFrame)
            let steps = "\(run.stepCount)/\(run.executed)/\(run.cached)"
            let line = columns(
                glyph, "\(run.seq)", String(run.id.prefix(6)), RunsText.ago(run.startedAt, now: now), steps,
                wide ? RunsText.tokens(run.usage) : nil, RunsText.duration(run.duration),
                RunsText.origin(run, ellipsis: glyphs.ellipsis) + (run.status == .interrupted ? " (interrupted)" : ""))
            let rowRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            if selected && focused { buffer.fill(rowRect, style: theme.selection) }
            let base = selected && focused ? theme.selection : (shown ? theme.title : theme.text)
            let next = buffer.put(shown ? glyphs.arrowRight : " ", x: rect.x, y: y, style: base, clip: rowRect)
            buffer.put(line, x: next, y: y, style: base, clip: rowRect)
            if !(selected && focused) {
                buffer.put(glyph, x: next + 1, y: y, style: StatusMark.style(status, theme: theme), clip: rowRect)
            }
        }
    }

    /// Fixed-width columns: status, number, id, when, steps (all/ran/cached), tokens, time, origin.
    static func columns(
        _ glyph: String, _ seq: String, _ id: String, _ when: String, _ steps: String, _ tokens: String?, _ time: String, _ origin: String
    ) -> String {
        var line = " " + pad(glyph, 1) + " " + pad(seq, 4, right: true) + "  " + pad(id, 6) + "  " + pad(when, 7) + "  " + pad(steps, 8)
        if let tokens { line += "  " + pad(tokens, 11) }
        return line + "  " + pad(time, 6) + "  " + origin
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return right ? gap + text : text + gap
    }

    /// The scroll that keeps `selection` in a window of `height` rows.
    static func visibleScroll(selection: Int, scroll: Int, height: Int) -> Int {
        if selection < scroll { return selection }
        if selection >= scroll + height { return selection - height + 1 }
        return max(0, scroll)
    }
}
