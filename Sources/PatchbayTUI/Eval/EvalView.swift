import Foundation
import PatchbayEval
import PatchbayPresentation

/// The eval pane: progress (or the report's summary) on top, then one row per case with its
/// k/N and a glyph per sample. Only the visible rows are drawn.
enum EvalView {
    static func draw(
        _ eval: EvalState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs, focused: Bool,
        now: Date,
        spinnerFrame: Int
    ) {
        guard !rect.isEmpty else { return }
        var lines = PaneLines(rect)
        func line(_ text: String, _ style: Style) { lines.put(text, style, on: &buffer) }
        guard
            !lines.placeholder(
                eval.run, nothingYet: "No eval yet: e asks for a cases file (or :eval FILE [repeat N]).", theme: theme,
                on: &buffer)
        else { return }
        if eval.run.running {
            let casesDone = eval.rows.filter { $0.finished == $0.samples.count }.count
            lines.status(
                eval.run, "\(casesDone)/\(eval.rows.count) cases · \(eval.done)/\(eval.total) samples", theme: theme,
                glyphs: glyphs, now: now, spinnerFrame: spinnerFrame, on: &buffer)
            let rate =
                eval.done == 0
                ? "-" : "\(PassRateText.percent(Double(eval.passed) / Double(eval.done))) (\(eval.passed)/\(eval.done))"
            line("pass rate so far \(rate)   C-c stops", theme.text)
        } else if let summary = eval.summary {
            let complete = eval.report?.complete ?? true
            let shape = "\(eval.rows.count) case\(eval.rows.count == 1 ? "" : "s") × \(eval.repeats)"
            lines.status(
                eval.run, "\(shape) = \(summary.samples) samples", note: complete ? "" : "  (stopped early)",
                theme: theme, glyphs: glyphs, now: now, spinnerFrame: spinnerFrame, on: &buffer)
            line("pass \(PassRateText.rate(summary))", summary.passed == summary.samples ? theme.done : theme.text)
            line(
                "always \(summary.alwaysPassing.count) · flaky \(summary.flaky.count) · never \(summary.alwaysFailing.count)",
                theme.text)
            line(
                "failures by check: \(PassRateText.counts(summary.failuresByCheck))",
                summary.failuresByCheck.isEmpty ? theme.dim : theme.failed)
            line(
                "failures by node:  \(PassRateText.counts(summary.failuresByNode))",
                summary.failuresByNode.isEmpty ? theme.dim : theme.failed)
        }
        lines.y += 1
        guard lines.remaining > 0, !eval.rows.isEmpty else { return }
        let idWidth = min(max(4, eval.rows.map { DisplayWidth.of($0.id) }.max() ?? 4), max(8, rect.width / 3))
        let header = RunsView.pad("case", idWidth) + "  " + RunsView.pad("k/N", 7, right: true) + "  samples"
        line(header, theme.dim)
        let x = rect.x + 1
        var y = lines.y
        let visible = max(1, rect.maxY - y)
        let scroll = RunsView.visibleScroll(selection: eval.selection, scroll: eval.scroll, height: visible)
        let chosen = eval.selectedSample?.sample
        let rows = eval.visibleRows
        for index in scroll..<min(rows.count, scroll + visible) {
            let row = rows[index]
            let selected = index == eval.selection
            let rowRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            let base = selected && focused ? theme.selection : theme.text
            if selected && focused { buffer.fill(rowRect, style: theme.selection) }
            let id =
                DisplayWidth.of(row.id) > idWidth
                ? String(DisplayWidth.prefix(row.id, fitting: idWidth - 1).text) + glyphs.ellipsis : row.id
            // Passed of those finished: while running, the samples still out are not counted.
            let tally = RunsView.pad(row.finished == 0 ? "-" : "\(row.passed)/\(row.finished)", 7, right: true)
            var next = buffer.put(RunsView.pad(id, idWidth) + "  ", x: x, y: y, style: base, clip: rowRect)
            let tallyStyle =
                row.finished == 0
                ? theme.dim : row.passed == row.finished ? theme.done : row.passed == 0 ? theme.failed : theme.warning
            next = buffer.put(
                tally + "  ", x: next, y: y, style: selected && focused ? base : tallyStyle, clip: rowRect)
            for (i, sample) in row.samples.enumerated() {
                guard next < rect.maxX - 1 else {
                    buffer.put(glyphs.ellipsis, x: rect.maxX - 1, y: y, style: theme.dim, clip: rowRect)
                    break
                }
                let (glyph, style): (String, Style) =
                    switch sample?.passed {
                    case true?: (glyphs.status(.done), theme.done)
                    case false?: (glyphs.status(.failed), theme.failed)
                    case nil: (glyphs.status(.idle), theme.dim)
                    }
                let mark = selected && focused && chosen == i ? style.reversed : style
                next = buffer.put(glyph, x: next, y: y, style: mark, clip: rowRect)
            }
            y += 1
        }
    }
}
