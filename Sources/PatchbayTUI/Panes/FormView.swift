/// Draws a `FormModel` as a centred popup: a label column (`*` marks required fields), the
/// values (multi-line ones get a few rows), the type hints right-aligned, the focused field
/// highlighted with its cursor, and the keys at the bottom.
public enum FormView {
    /// Rows a multi-line field takes.
    public static let multilineRows = 3

    public static func draw(
        _ form: FormModel, in bounds: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let heights = form.fields.map { $0.multiline ? multilineRows : 1 }
        let contentRows = heights.reduce(0, +) + max(0, form.fields.count - 1)
        let width = min(bounds.width - 4, 72)
        let box = Popup.centered(width: width, height: contentRows + 6, in: bounds)
        let inner = PaneFrame.draw(
            title: form.title, number: nil, in: box, on: &buffer, focused: true, theme: theme, glyphs: glyphs)
        guard inner.height >= 3, inner.width >= 12 else { return }
        let labelWidth = min(
            inner.width / 3, (form.fields.map { Popup.width($0.label) + ($0.required ? 2 : 0) }.max() ?? 0))
        let hintWidth = min(inner.width / 4, form.fields.map { Popup.width($0.typeHint) }.max() ?? 0)
        let valueX = inner.x + 2 + labelWidth + 2
        let valueWidth = inner.maxX - 1 - (hintWidth > 0 ? hintWidth + 2 : 0) - valueX
        let fieldArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 4)
        // The first field shown keeps the focused one in view.
        var first = 0
        func rows(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + heights[$1] + 1 } - 1 }
        while first < form.focus, rows(first..<(form.focus + 1)) > fieldArea.height { first += 1 }
        var y = fieldArea.y
        for index in first..<form.fields.count {
            let field = form.fields[index]
            guard y + heights[index] <= fieldArea.maxY else { break }
            let focused = index == form.focus
            let label = Popup.fit(field.label, labelWidth - (field.required ? 2 : 0), ellipsis: glyphs.ellipsis)
            let x = buffer.put(label, x: inner.x + 2, y: y, style: focused ? theme.titleFocused : theme.text)
            if field.required { buffer.put(" *", x: x, y: y, style: theme.warning) }
            if hintWidth > 0 {
                let hint = Popup.fit(field.typeHint, hintWidth, ellipsis: glyphs.ellipsis)
                buffer.put(hint, x: inner.maxX - 1 - Popup.width(hint), y: y, style: theme.dim)
            }
            let area = Rect(x: valueX, y: y, width: max(0, valueWidth), height: heights[index])
            drawValue(field, focused: focused, in: area, on: &buffer, theme: theme, glyphs: glyphs)
            y += heights[index] + 1
        }
        if let problem = form.problem {
            buffer.put(
                " " + Popup.fit(problem, inner.width - 2, ellipsis: glyphs.ellipsis), x: inner.x + 1, y: inner.maxY - 2,
                style: theme.error, clip: inner)
        }
        let keys = [("Tab", "next field"), ("C-s", "run"), ("Esc", "cancel")]
        var x = inner.x + 2
        for (key, label) in keys {
            guard x + Popup.width(key) + Popup.width(label) + 1 < inner.maxX else { break }
            x = buffer.put(key, x: x, y: inner.maxY - 1, style: theme.title)
            x = buffer.put(" " + label, x: x, y: inner.maxY - 1, style: theme.dim) + 2
        }
    }

    private static func drawValue(
        _ field: FormField, focused: Bool, in area: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        guard !area.isEmpty else { return }
        let background = focused ? theme.text.underlined : theme.text
        buffer.fill(area, style: background)
        if !field.multiline {
            if focused {
                CommandLineView.drawInput(field.value, in: area, on: &buffer, theme: theme)
                buffer.restyle(area) { if !$0.reverse { $0.underline = true } }
            } else {
                buffer.put(
                    Popup.fit(field.value.text, area.width, ellipsis: glyphs.ellipsis), x: area.x, y: area.y,
                    style: background, clip: area)
            }
            return
        }
        let lines = field.value.text.split(separator: "\n", omittingEmptySubsequences: false)
        let cursor = field.value.cursorLineColumn
        let top = focused ? max(0, min(cursor.line - area.height + 1, lines.count - area.height)) : 0
        for row in 0..<min(area.height, lines.count - top) {
            let index = top + row
            let y = area.y + row
            buffer.put(
                Popup.fit(String(lines[index]), area.width, ellipsis: glyphs.ellipsis), x: area.x, y: y,
                style: focused && field.value.selectsAll ? theme.selection : background, clip: area)
            if focused, index == cursor.line {
                let before = Popup.width(String(lines[index].prefix(cursor.column)))
                if before < area.width {
                    buffer.restyle(Rect(x: area.x + before, y: y, width: 1, height: 1)) { $0 = theme.cursor }
                }
            }
        }
        if !focused, lines.count > area.height {
            buffer.put(glyphs.ellipsis, x: area.maxX - 1, y: area.maxY - 1, style: theme.dim)
        }
    }
}
