import PatchbayPresentation

/// Draws the command line in the status row: `:` + text with the cursor, scrolled sideways to
/// keep the cursor in view, and after Tab a list of the candidates above it when there are several.
public enum CommandLineView {
    public static let maxListRows = 8

    public static func draw(
        _ line: CommandLineModel, commands: [CommandSpec], in rect: Rect, on buffer: inout CellBuffer,
        theme: Theme, glyphs: Glyphs
    ) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row)
        buffer.put(":", x: row.x, y: row.y, style: theme.title, clip: row)
        let area = Rect(x: row.x + 1, y: row.y, width: row.width - 1, height: 1)
        drawInput(line.input, in: area, on: &buffer, theme: theme)
        guard line.showsCompletions else { return }
        let shown = line.completionList(commands: commands)
        guard shown.count > 1 else { return }
        drawList(
            shown, selected: line.cycleIndex, commands: commands, above: row, on: &buffer, theme: theme, glyphs: glyphs)
    }

    /// One line of editable text with a cursor cell, scrolled so the cursor shows; a prefilled
    /// value still selected whole is drawn reversed.
    static func drawInput(_ input: EditableText, in area: Rect, on buffer: inout CellBuffer, theme: Theme) {
        guard area.width > 1 else { return }
        let chars = input.characters
        // Widths before the cursor decide the scroll: keep the cursor in the last column at most.
        var start = 0
        var widthBefore = chars[..<input.cursor].reduce(0) { $0 + DisplayWidth.of(VisibleText.escaped(String($1))) }
        while widthBefore > area.width - 1, start < input.cursor {
            widthBefore -= DisplayWidth.of(VisibleText.escaped(String(chars[start])))
            start += 1
        }
        var x = area.x
        for index in start..<chars.count {
            let next = buffer.put(
                String(chars[index]), x: x, y: area.y,
                style: index == input.cursor ? theme.cursor : (input.selectsAll ? theme.selection : theme.text),
                clip: area)
            if next == x { break }
            x = next
        }
        if input.cursor == chars.count, x < area.maxX {
            buffer.put(" ", x: x, y: area.y, style: theme.cursor, clip: area)
        }
    }

    private static func drawList(
        _ options: [String], selected: Int?, commands: [CommandSpec], above row: Rect, on buffer: inout CellBuffer,
        theme: Theme, glyphs: Glyphs
    ) {
        let count = min(options.count, maxListRows, max(0, row.y - 2))
        guard count > 0 else { return }
        let help = Dictionary(commands.map { ($0.name, $0.help) }, uniquingKeysWith: { a, _ in a })
        let nameWidth = options.map(Popup.width).max() ?? 0
        let helpWidth = options.compactMap { help[$0].map(Popup.width) }.max().map { $0 + 2 } ?? 0
        let width = min(row.width, nameWidth + helpWidth + 4)
        let box = Rect(x: row.x, y: row.y - count - 2, width: width, height: count + 2)
        let more = options.count > count ? "\(count)/\(options.count)" : nil
        let inner = PaneFrame.draw(
            title: "", number: nil, in: box, on: &buffer, focused: false, theme: theme, glyphs: glyphs, extra: more)
        let first = max(0, min((selected ?? 0) - count + 1, options.count - count))
        for offset in 0..<count {
            let index = first + offset
            let y = inner.y + offset
            let lineRect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let isSelected = index == selected
            let x = buffer.put(
                " " + options[index], x: inner.x, y: y, style: isSelected ? theme.selection : theme.text, clip: lineRect
            )
            if let text = help[options[index]] {
                buffer.put(
                    Popup.fit(text, inner.maxX - (inner.x + nameWidth + 3), ellipsis: glyphs.ellipsis),
                    x: inner.x + nameWidth + 3, y: y, style: theme.dim, clip: lineRect)
            }
            if isSelected {
                buffer.restyle(Rect(x: x, y: y, width: inner.x + nameWidth + 2 - x, height: 1)) { $0 = theme.selection }
            }
        }
    }
}
