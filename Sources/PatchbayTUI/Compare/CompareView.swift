import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

/// The compare pane: the two runs on top, what differs in one line, then every step of both
/// aligned by path (changed ones marked Δ, `*` in ASCII), and under them the selected row's
/// diff: words removed `[-…-]` and added `{+…+}` in a text, the keys that differ in an object,
/// the graph's nodes and text. Paths and values are model or file text: escaped before their
/// widths are measured.
enum CompareView {
    static func draw(
        _ compare: CompareState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs,
        focused: Bool, now: Date
    ) {
        guard !rect.isEmpty else { return }
        var lines = PaneLines(rect)
        guard let comparison = compare.comparison else {
            if let loading = compare.loading {
                lines.put(
                    VisibleText.escaped("Reading runs \(loading.joined(separator: " and "))…"), theme.dim, on: &buffer)
            } else {
                lines.put("No comparison yet.", theme.dim, on: &buffer)
                lines.put(
                    "Mark a run in the runs pane (m) and press = on another, or :diff RUN RUN.", theme.dim, on: &buffer)
            }
            return
        }
        for (side, run) in [("A", comparison.a), ("B", comparison.b)] {
            lines.put(
                "\(side) \(CompareReducer.label(run))  \(run.status.rawValue)  \(RunsText.ago(run.startedAt, now: now))",
                theme.title, on: &buffer)
        }
        lines.put(summary(comparison), theme.text, on: &buffer)
        guard lines.remaining > 2 else { return }
        // The list takes what its rows need, at most half of what is left; the diff the rest.
        let listHeight = min(comparison.rows.count + 1, max(3, lines.remaining / 2))
        drawList(
            comparison, selection: compare.selection,
            in: Rect(x: rect.x, y: lines.y, width: rect.width, height: listHeight), on: &buffer, theme: theme,
            glyphs: glyphs, focused: focused)
        lines.y += listHeight
        guard lines.remaining > 0, let row = compare.selectedRow else { return }
        let title = " \(VisibleText.escaped(row.label)): \(row.change ?? "the same in both runs") "
        let rule = Rect(x: rect.x, y: lines.y, width: rect.width, height: 1)
        buffer.fill(rule, with: Character(glyphs.horizontal), style: theme.dim)
        buffer.put(title, x: rect.x + 1, y: lines.y, style: theme.title, clip: rule)
        lines.y += 1
        drawDetail(
            row, scroll: compare.detailScroll,
            in: Rect(x: rect.x, y: lines.y, width: rect.width, height: lines.remaining),
            on: &buffer, theme: theme)
    }

    /// `Compare: #1 3f2a1b to #2 9c8d7e`.
    static func title(_ compare: CompareState) -> String {
        guard let comparison = compare.comparison else { return "Compare" }
        return "Compare: \(CompareReducer.label(comparison.a)) to \(CompareReducer.label(comparison.b))"
    }

    /// `graph: same · 1 input differs · steps: 3 of 8 differ`.
    static func summary(_ comparison: RunComparison) -> String {
        let graph = comparison.rows.contains { $0.subject == .graph } ? "graph: changed" : "graph: same"
        let inputs = comparison.rows.first { $0.subject == .inputs }?.change ?? "inputs: same"
        let total = comparison.differing + comparison.same
        let steps =
            comparison.differing == 0
            ? "steps: all \(total) the same" : "steps: \(comparison.differing) of \(total) differ"
        return [graph, inputs, steps].joined(separator: " · ")
    }

    static func drawList(
        _ comparison: RunComparison, selection: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme,
        glyphs: Glyphs, focused: Bool
    ) {
        let labelWidth = min(max(4, comparison.labelWidth), max(8, rect.width / 3))
        let columnWidth = max(9, comparison.columnWidth)
        func line(_ mark: String, _ label: String, _ a: String, _ b: String, _ change: String) -> String {
            let shown =
                DisplayWidth.of(label) > labelWidth
                ? String(DisplayWidth.prefix(label, fitting: labelWidth - 1).text) + glyphs.ellipsis : label
            return RunsView.pad(mark, 1) + " " + RunsView.pad(shown, labelWidth) + "  " + RunsView.pad(a, columnWidth)
                + "  " + RunsView.pad(b, columnWidth) + "  " + change
        }
        buffer.put(line("", "step", "A", "B", ""), x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
        let visible = max(1, rect.height - 1)
        let scroll = RunsView.visibleScroll(selection: selection, scroll: 0, height: visible)
        for (offset, index) in (scroll..<min(comparison.rows.count, scroll + visible)).enumerated() {
            let row = comparison.rows[index]
            let y = rect.y + 1 + offset
            let rowRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            let selected = index == selection && focused
            if selected { buffer.fill(rowRect, style: theme.selection) }
            let base = selected ? theme.selection : row.changed ? theme.text : theme.dim
            buffer.put(
                line(
                    row.changed ? glyphs.changed : " ", VisibleText.escaped(row.label), row.columnA, row.columnB,
                    row.change ?? ""),
                x: rect.x + 1, y: y, style: base, clip: rowRect)
            if row.changed && !selected {
                buffer.put(glyphs.changed, x: rect.x + 1, y: y, style: theme.info.bolded, clip: rowRect)
            }
        }
    }

    static func drawDetail(
        _ row: RunComparison.Row, scroll: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme
    ) {
        guard !rect.isEmpty else { return }
        guard row.changed else {
            buffer.put("The same in both runs.", x: rect.x + 1, y: rect.y, style: theme.dim, clip: rect)
            return
        }
        let inner = Rect(x: rect.x + 1, y: rect.y, width: max(1, rect.width - 1), height: rect.height)
        // Wrapped only as far as shown: a model's long text can wrap to thousands of rows.
        var rows: [[StyledCharacter]] = []
        for line in row.detail {
            rows += SoftWrap.wrap(SoftWrap.visible(cells(line, theme: theme)), width: inner.width)
            if rows.count >= scroll + inner.height { break }
        }
        let first = max(0, min(scroll, rows.count - inner.height))
        for (offset, cells) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            var x = inner.x
            for cell in cells {
                x = buffer.put(String(cell.character), x: x, y: inner.y + offset, style: cell.style, clip: inner)
            }
        }
    }

    /// How many rows the selected row's diff takes in the pane as the state lays it out (the
    /// page keys scroll as far as its last row).
    static func detailRowCount(_ state: AppState) -> Int {
        guard let row = state.compare.selectedRow,
            let pane = Screen.solve(state).rect(of: .compare)
        else { return state.compare.selectedRow?.detail.count ?? 0 }
        let width = max(1, pane.width - 3)
        return row.detail.reduce(0) { count, line in
            count + SoftWrap.wrap(SoftWrap.visible(cells(line, theme: .monochrome)), width: width).count
        }
    }

    static func cells(_ line: DiffLine, theme: Theme) -> [StyledCharacter] {
        func styled(_ text: String, _ style: Style) -> [StyledCharacter] { text.map { StyledCharacter($0, style) } }
        switch line {
        case .heading(let text): return styled(text, theme.title)
        case .line(let text, let mark):
            switch mark {
            case .plain: return styled(text, theme.text)
            case .removed: return styled(text, theme.failed)
            case .added: return styled(text, theme.done)
            case .changed: return styled(text, theme.warning)
            }
        case .words(let parts):
            return parts.flatMap { part -> [StyledCharacter] in
                switch part {
                case .same(let text): styled(text, theme.text)
                case .removed(let text): styled("[-" + text + "-]", theme.failed)
                case .added(let text): styled("{+" + text + "+}", theme.done)
                }
            }
        }
    }
}
