import Foundation
import PatchbayPresentation
import PatchbayStore

/// The runs pane: one row per stored run, newest first, under a header of column names; `▶`
/// before the run the trace shows, `*` before the one marked for a comparison. Only the visible
/// rows are formatted.
enum RunsView {
    static func draw(
        _ history: HistoryState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs,
        focused: Bool, now: Date,
        spinnerFrame: Int
    ) {
        guard !rect.isEmpty else { return }
        guard history.available else {
            buffer.put(
                "No run store: history is off for this session.", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect
            )
            return
        }
        guard !history.runs.isEmpty else {
            buffer.put(
                "No stored runs of this graph yet (r runs it).", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
            return
        }
        let runs = history.visible
        guard !runs.isEmpty else {
            buffer.put(
                "No run matches `\(VisibleText.escaped(history.filter))` (/ changes the filter).", x: rect.x + 1,
                y: rect.y, style: theme.dim, clip: rect)
            return
        }
        let shown = Columns(width: rect.width - 1, stepsWidth: runs.map { Self.steps($0).count }.max() ?? 0)
        buffer.put(
            shown.line("", "#", "run", "when", "steps", "tokens", "time", "origin"), x: rect.x + 1, y: rect.y,
            style: theme.dim, clip: rect)
        let visible = max(1, rect.height - 1)
        let scroll = visibleScroll(selection: history.selection, scroll: history.scroll, height: visible)
        for (row, index) in (scroll..<min(runs.count, scroll + visible)).enumerated() {
            let run = runs[index]
            let y = rect.y + 1 + row
            let selected = index == history.selection
            let isShown = history.shown?.summary.id == run.id
            let status = NodeStatus(run.status)
            let glyph = StatusMark.glyph(status, glyphs: glyphs, spinnerFrame: spinnerFrame)
            let line = shown.line(
                glyph, "\(run.seq)", String(run.id.prefix(6)), RunsText.ago(run.startedAt, now: now), Self.steps(run),
                TokenText.compact(run.usage), DurationText.compact(run.duration),
                RunOriginText.describe(run) + (run.status == .interrupted ? " (interrupted)" : ""))
            let rowRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            if selected && focused { buffer.fill(rowRect, style: theme.selection) }
            let base = selected && focused ? theme.selection : (isShown ? theme.title : theme.text)
            let next = buffer.put(isShown ? glyphs.arrowRight : " ", x: rect.x, y: y, style: base, clip: rowRect)
            buffer.put(line, x: next, y: y, style: base, clip: rowRect)
            // The run `=` compares with, in the blank before the status.
            if history.marked == run.id {
                buffer.put("*", x: next, y: y, style: selected && focused ? base : theme.warning, clip: rowRect)
            }
            if !(selected && focused) {
                buffer.put(glyph, x: next + 1, y: y, style: StatusMark.style(status, theme: theme), clip: rowRect)
            }
        }
    }

    /// `12/10/2`: all steps, those that ran, those from the cache.
    static func steps(_ run: RunSummary) -> String { "\(run.stepCount)/\(run.executed)/\(run.cached)" }

    /// Fixed-width columns: status, number, id, when, steps (all/ran/cached, as wide as the
    /// widest run's, so rows stay aligned past 9 steps), tokens, time, then the origin in what
    /// is left. When narrow, tokens go first, then steps, then time, so the origin keeps at
    /// least `minOrigin` cells.
    struct Columns {
        var tokens = true, steps = true, time = true
        var stepsWidth = 6

        static let minOrigin = 22

        init(width: Int, stepsWidth: Int = 6) {
            self.stepsWidth = max(6, stepsWidth)
            func used() -> Int {
                1 + 1 + 1 + 4 + 2 + 6 + 2 + 7 + 2 + (steps ? self.stepsWidth + 2 : 0) + (tokens ? 11 : 0)
                    + (time ? 8 : 0)
            }
            if width - used() < Self.minOrigin { tokens = false }
            if width - used() < Self.minOrigin { steps = false }
            if width - used() < Self.minOrigin { time = false }
        }

        func line(
            _ glyph: String, _ seq: String, _ id: String, _ when: String, _ steps: String, _ tokens: String,
            _ time: String, _ origin: String
        ) -> String {
            var line =
                " " + RunsView.pad(glyph, 1) + " " + RunsView.pad(seq, 4, right: true) + "  " + RunsView.pad(id, 6)
                + "  " + RunsView.pad(when, 7) + "  "
            if self.steps { line += RunsView.pad(steps, stepsWidth) + "  " }
            if self.tokens { line += RunsView.pad(tokens, 9) + "  " }
            if self.time { line += RunsView.pad(time, 6) + "  " }
            return line + origin
        }
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
