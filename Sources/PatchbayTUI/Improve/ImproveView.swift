import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation

/// The improve pane: where the search is and the best so far on top, then every candidate
/// measured (move, dev pass rate with its interval, gain, verdict), and at the end the original
/// against the winner on dev and test. With a diff open, the diff instead of the candidates.
/// Labels, reasons and diffs hold model text: escaped as the CLI's report escapes them, before
/// their widths are measured.
enum ImproveView {
    static func draw(
        _ improve: ImproveState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs,
        focused: Bool, now: Date, spinnerFrame: Int
    ) {
        guard !rect.isEmpty else { return }
        var lines = PaneLines(rect)
        func line(_ text: String, _ style: Style) { lines.put(text, style, on: &buffer) }
        guard
            !lines.placeholder(
                improve.run, nothingYet: "No search yet: i asks for a cases file (or :improve FILE [OPTION VALUE]…).",
                theme: theme, on: &buffer)
        else { return }
        func escaped(_ text: String) -> String { TerminalText.escape(text, keepNewlines: false) }
        if let diff = improve.diff {
            line("diff of \(escaped(diff.title)) against this graph   Enter closes · a applies", theme.title)
            let visible = lines.remaining
            for (index, text) in diff.lines.enumerated().dropFirst(diff.scroll).prefix(visible) {
                line(
                    escaped(text),
                    diff.headings.contains(index)
                        ? theme.title
                        : text.hasPrefix("+") ? theme.done : text.hasPrefix("-") ? theme.failed : theme.text)
            }
            return
        }
        let count = "\(improve.rows.count) candidate\(improve.rows.count == 1 ? "" : "s")"
        let split = "\(improve.train)/\(improve.dev)/\(improve.test) cases × \(improve.repeats)"
        let phase = improve.run.running ? "\(improve.phase ?? "starting") · " : ""
        lines.status(
            improve.run, "\(phase)\(count) · \(improve.calls) calls · \(split)",
            note: improve.report?.stopped.map { "  (stopped: \($0))" } ?? "", theme: theme, glyphs: glyphs, now: now,
            spinnerFrame: spinnerFrame, on: &buffer)
        let kept =
            improve.accepted.isEmpty ? "no move kept" : "kept: " + improve.accepted.map(escaped).joined(separator: "; ")
        line(
            "best dev \(ImproveReportText.rate(improve.best)) · \(kept)",
            improve.accepted.isEmpty ? theme.text : theme.done)
        if let report = improve.report {
            let rows = TextTable().lines([
                ["", "DEV", "TEST"],
                ["original", ImproveReportText.rate(report.baselineDev), ImproveReportText.rate(report.baselineTest)],
                ["improved", ImproveReportText.rate(report.winnerDev), ImproveReportText.rate(report.winnerTest)],
            ])
            for (i, text) in rows.enumerated() { line(text, i == 0 ? theme.dim : theme.text) }
            if report.improvedGraph != nil {
                line("D shows the winner's diff, A applies it to this graph (u undoes it)", theme.dim)
            }
        } else if improve.run.running {
            line("C-c or Esc stops, keeping what was measured", theme.dim)
        }
        lines.y += 1
        guard lines.remaining > 0, !improve.rows.isEmpty else { return }
        // What the rate, gain and a short verdict leave.
        let labelWidth = min(
            max(4, improve.rows.map { DisplayWidth.of(escaped($0.candidate.label)) }.max() ?? 4),
            max(10, rect.width - 61))
        let rateWidth = 22
        let gainWidth = 19
        line(
            RunsView.pad("move", labelWidth) + "  " + RunsView.pad("dev pass", rateWidth) + "  "
                + RunsView.pad("gain [95%]", gainWidth) + "  verdict", theme.dim)
        let x = rect.x + 1
        var y = lines.y
        let visible = max(1, rect.maxY - y)
        let scroll = RunsView.visibleScroll(selection: improve.selection, scroll: improve.scroll, height: visible)
        for index in scroll..<min(improve.rows.count, scroll + visible) {
            let c = improve.rows[index].candidate
            let selected = index == improve.selection
            let rowRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            let base = selected && focused ? theme.selection : theme.text
            if selected && focused { buffer.fill(rowRect, style: theme.selection) }
            let shown = escaped(c.label)
            let label =
                DisplayWidth.of(shown) > labelWidth
                ? String(DisplayWidth.prefix(shown, fitting: labelWidth - 1).text) + glyphs.ellipsis : shown
            var next = buffer.put(
                RunsView.pad(label, labelWidth) + "  " + RunsView.pad(ImproveReportText.rate(c.dev), rateWidth) + "  "
                    + RunsView.pad(ImproveReportText.gain(c), gainWidth) + "  ",
                x: x, y: y, style: base, clip: rowRect)
            let mark = c.accepted ? glyphs.status(.done) : glyphs.status(.failed)
            let style = selected && focused ? base : c.accepted ? theme.done : theme.dim
            next = buffer.put(mark + " ", x: next, y: y, style: style, clip: rowRect)
            buffer.put(escaped(c.reason), x: next, y: y, style: style, clip: rowRect)
            y += 1
        }
    }
}
