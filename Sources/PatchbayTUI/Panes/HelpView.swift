/// The help popup: sections of `keys  text`, in two columns when the screen is wide enough,
/// scrolled by `HelpModel.scroll` (clamped here to what the popup can show).
public enum HelpView {
    /// Screen width from which the sections go into two columns.
    public static let twoColumnWidth = 100

    private enum Row {
        case title(String)
        case entry(keys: String, text: String)
        case blank
    }

    public static func draw(
        _ help: HelpModel, in bounds: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let twoColumns = bounds.width >= twoColumnWidth && help.sections.count > 1
        let columns: [[Row]] = twoColumns ? split(help.sections) : [rows(help.sections)]
        let keysWidth = min(18, help.sections.flatMap { $0.entries.map { Popup.width($0.keys) } }.max() ?? 0)
        let contentRows = columns.map(\.count).max() ?? 0
        let width = min(bounds.width - 4, twoColumns ? 120 : 76)
        let box = Popup.centered(width: width, height: min(contentRows + 2, bounds.height - 2), in: bounds)
        let visible = max(0, box.height - 2)
        let scroll = max(0, min(help.scroll, contentRows - visible))
        let extra = contentRows > visible ? "\(scroll + 1)-\(scroll + visible)/\(contentRows)" : "q close"
        let inner = PaneFrame.draw(
            title: "Help", number: nil, in: box, on: &buffer, focused: true, theme: theme, glyphs: glyphs, extra: extra)
        guard !inner.isEmpty else { return }
        let columnWidth = twoColumns ? (inner.width - 1) / 2 : inner.width
        for (c, column) in columns.enumerated() {
            let area = Rect(x: inner.x + c * (columnWidth + 1), y: inner.y, width: columnWidth, height: inner.height)
            for offset in 0..<min(visible, max(0, column.count - scroll)) {
                let y = area.y + offset
                let line = Rect(x: area.x, y: y, width: area.width, height: 1)
                switch column[scroll + offset] {
                case .title(let title):
                    buffer.put(
                        " " + Popup.fit(title, area.width - 2, ellipsis: glyphs.ellipsis), x: area.x, y: y,
                        style: theme.titleFocused, clip: line)
                case .entry(let keys, let text):
                    buffer.put(
                        " " + Popup.fit(keys, keysWidth, ellipsis: glyphs.ellipsis), x: area.x + 1, y: y,
                        style: theme.title, clip: line)
                    let x = area.x + keysWidth + 4
                    buffer.put(
                        Popup.fit(text, area.maxX - x - 1, ellipsis: glyphs.ellipsis), x: x, y: y, style: theme.text,
                        clip: line)
                case .blank: break
                }
            }
        }
    }

    private static func rows(_ sections: some Collection<HelpSection>) -> [Row] {
        var rows: [Row] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { rows.append(.blank) }
            rows.append(.title(section.title))
            rows += section.entries.map { .entry(keys: $0.keys, text: $0.text) }
        }
        return rows
    }

    /// Two columns split between sections, as even as the sections allow; the first sections
    /// (the focused pane's) stay on the left.
    private static func split(_ sections: [HelpSection]) -> [[Row]] {
        var best = 1
        var bestHeight = Int.max
        for cut in 1..<sections.count {
            let height = max(rows(sections[..<cut]).count, rows(sections[cut...]).count)
            if height < bestHeight {
                best = cut
                bestHeight = height
            }
        }
        return [rows(sections[..<best]), rows(sections[best...])]
    }
}
