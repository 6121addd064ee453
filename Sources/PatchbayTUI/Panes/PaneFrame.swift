import PatchbayPresentation

/// The box around a pane or popup: `┌─ [1] Graph ───── wrap ─┐`.
public enum PaneFrame {
    /// Draws the border, the title (with its pane number) and `extra` right-aligned in the top
    /// border, clears the inside and returns it. A rect too small for a border gets none.
    @discardableResult
    public static func draw(
        title: String, number: Int?, in rect: Rect, on buffer: inout CellBuffer,
        focused: Bool, theme: Theme, glyphs: Glyphs, extra: String? = nil
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else {
            buffer.fill(rect)
            return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        }
        let border = focused ? theme.borderFocused : theme.border
        let inner = rect.inset(by: 1)
        buffer.fill(inner)
        let line = String(repeating: glyphs.horizontal, count: rect.width - 2)
        buffer.put(glyphs.topLeft + line + glyphs.topRight, x: rect.x, y: rect.y, style: border)
        buffer.put(glyphs.bottomLeft + line + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, style: border)
        for row in inner.y..<inner.maxY {
            buffer.put(glyphs.vertical, x: rect.x, y: row, style: border)
            buffer.put(glyphs.vertical, x: rect.maxX - 1, y: row, style: border)
        }
        // Title from column 2, extra ending two before the corner, a rule between them.
        let room = rect.width - 4
        guard room >= 3 else { return inner }
        let label = (number.map { "[\($0)] " } ?? "") + title
        var titleWidth = 0
        if !label.isEmpty {
            let shownTitle = Popup.fit(label, room - 2, ellipsis: glyphs.ellipsis)
            titleWidth = DisplayWidth.of(shownTitle) + 2
            buffer.put(
                " " + shownTitle + " ", x: rect.x + 2, y: rect.y, style: focused ? theme.titleFocused : theme.title)
        }
        if let extra, !extra.isEmpty {
            let text = " " + VisibleText.escaped(extra) + " "
            let width = DisplayWidth.of(text)
            if titleWidth + 1 + width <= room {
                buffer.put(text, x: rect.maxX - 2 - width, y: rect.y, style: focused ? theme.borderFocused : theme.dim)
            }
        }
        return inner
    }
}
