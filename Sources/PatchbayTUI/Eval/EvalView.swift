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
        let x = rect.x + 1
        var y = rect.y
        func line(_ text: String, _ style: Style) {
            guard y < rect.maxY else { return }
            buffer.put(text, x: x, y: y, style: style, clip: rect)
            y += 1
        }
        guard eval.id != nil else {
            line(
                eval.starting
                    ? "Loading the cases…" : "No eval yet: e asks for a cases file (or :eval FILE [repeat N]).",
                theme.dim)
            return
        }
        let since = eval.startedAt ?? now
        if eval.running {
            let spinner =
                glyphs.spinner.isEmpty
                ? "*"
                : glyphs.spinner[((spinnerFrame % glyphs.spinner.count) + glyphs.spinner.count) % glyphs.spinner.count]
            let casesDone = eval.rows.filter { $0.finished == $0.samples.count }.count
            line(
                "\(spinner) \(casesDone)/\(eval.rows.count) cases · \(eval.done)/\(eval.total) samples  \(DurationText.compact(max(0, now.timeIntervalSince(since))))",
                theme.running)
            let rate =
                eval.done == 0
                ? "-" : "\(PassRateText.percent(Double(eval.passed) / Double(eval.done))) (\(eval.passed)/\(eval.done))"
            line("pass rate so far \(rate)   C-c stops", theme.text)
        } else if let summary = eval.summary {
            let took = DurationText.compact(max(0, (eval.finishedAt ?? now).timeIntervalSince(since)))
            let complete = eval.report?.complete ?? true
            let shape = "\(eval.rows.count) case\(eval.rows.count == 1 ? "" : "s") × \(eval.repeats)"
            line(
                "\(shape) = \(summary.samples) samples  \(took)" + (complete ? "" : "  (stopped early)"),
                complete ? theme.title : theme.warning)
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
        y += 1
        guard y < rect.maxY, !eval.rows.isEmpty else { return }
        let idWidth = min(max(4, eval.rows.map { DisplayWidth.of($0.id) }.max() ?? 4), max(8, rect.width / 3))
        let header = RunsView.pad("case", idWidth) + "  " + RunsView.pad("k/N", 7, right: true) + "  samples"
        line(header, theme.dim)
        let visible = max(1, rect.maxY - y)
        let scroll = RunsView.visibleScroll(selection: eval.selection, scroll: eval.scroll, height: visible)
        let chosen = eval.selectedSample?.sample
        for index in scroll..<min(eval.rows.count, scroll + visible) {
            let row = eval.rows[index]
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
