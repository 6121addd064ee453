/// The palette as a centred popup: the query on top, the matching actions below with their
/// keys right-aligned, the selection highlighted and kept in view.
public enum PaletteView {
    public static func draw(
        _ palette: Palette, in bounds: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let width = min(bounds.width - 4, 64)
        let listRows = max(1, min(palette.matches.count, bounds.height - 8, 14))
        let box = Popup.centered(width: width, height: listRows + 4, in: bounds)
        let extra = "\(palette.matches.count)/\(palette.items.count)"
        let inner = PaneFrame.draw(
            title: palette.title, number: nil, in: box, on: &buffer, focused: true, theme: theme, glyphs: glyphs,
            extra: extra)
        guard inner.height >= 3, inner.width >= 4 else { return }
        buffer.put(">", x: inner.x + 1, y: inner.y, style: theme.titleFocused)
        CommandLineView.drawInput(
            palette.query, in: Rect(x: inner.x + 3, y: inner.y, width: inner.width - 4, height: 1), on: &buffer,
            theme: theme)
        let rule = String(repeating: glyphs.horizontal, count: box.width - 2)
        buffer.put(glyphs.teeRight + rule + glyphs.teeLeft, x: box.x, y: inner.y + 1, style: theme.borderFocused)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        ListRows.draw(
            count: palette.matches.count, selected: palette.selected, in: list, on: &buffer, theme: theme,
            glyphs: glyphs,
            empty: "no action matches"
        ) { index in
            (palette.matches[index].title, nil, palette.matches[index].keys)
        }
    }
}

/// Rows of a popup list: title, a dim description after it, a dim right-aligned note, the
/// selected row highlighted and scrolled into view.
enum ListRows {
    static func draw(
        count: Int, selected: Int, in list: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs,
        empty: String, titleColumn: Int = 0, row: (Int) -> (title: String, detail: String?, note: String)
    ) {
        guard !list.isEmpty else { return }
        if count == 0 {
            buffer.put(" " + empty, x: list.x, y: list.y, style: theme.dim, clip: list)
            return
        }
        let first = max(0, min(selected - list.height + 1, count - list.height))
        for offset in 0..<min(list.height, count - first) {
            let index = first + offset
            let y = list.y + offset
            let line = Rect(x: list.x, y: y, width: list.width, height: 1)
            let (title, detail, note) = row(index)
            let noteWidth = note.isEmpty ? 0 : min(Popup.width(note), list.width / 2)
            let titleRoom = list.width - 2 - (noteWidth > 0 ? noteWidth + 2 : 0)
            var x = buffer.put(
                " " + Popup.fit(title, titleRoom, ellipsis: glyphs.ellipsis), x: list.x, y: y, style: theme.text,
                clip: line)
            // Descriptions line up after the widest title (`titleColumn`) when it fits.
            x = max(x, min(list.x + 1 + titleColumn, list.x + 1 + titleRoom - 3))
            if let detail, !detail.isEmpty, x + 3 < list.x + 1 + titleRoom {
                x = buffer.put(
                    "  " + Popup.fit(detail, list.x + 1 + titleRoom - x - 2, ellipsis: glyphs.ellipsis), x: x, y: y,
                    style: theme.dim, clip: line)
            }
            if noteWidth > 0 {
                buffer.put(
                    Popup.fit(note, noteWidth, ellipsis: glyphs.ellipsis), x: list.maxX - 1 - noteWidth, y: y,
                    style: theme.dim, clip: line)
            }
            if index == selected { buffer.restyle(line) { $0 = theme.selection } }
        }
    }
}
