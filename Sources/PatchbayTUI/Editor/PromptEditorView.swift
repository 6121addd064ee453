import PatchbayPresentation

/// Draws a `TextEditor` into a pane's inner rectangle: a dim gutter of line numbers, the
/// text with Mustache tags highlighted, the selection reversed and, while editing, the cursor.
/// Long lines soft-wrap at the pane's edge (after the last space that fits, mid-word only for a
/// word wider than the pane), so a whole prompt reads without scrolling sideways; the line
/// number shows on a line's first row only.
public enum PromptEditorView {
    public static let emptyHint = "empty — press i to edit"

    public static func draw(
        _ editor: TextEditor, in rect: Rect, on buffer: inout CellBuffer, theme: Theme,
        focused: Bool, editing: Bool, ports: Set<String>, glyphs: Glyphs = .unicode
    ) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.text)
        let digits = max(2, String(editor.lines.count).count)
        // The gutter goes first when the pane is too narrow for it and some text.
        let gutter = rect.width >= digits + 1 + 8 ? digits + 1 : 0
        let textRect = Rect(x: rect.x + gutter, y: rect.y, width: rect.width - gutter, height: rect.height)
        let (firstLine, skip) = firstLine(editor, width: textRect.width, height: rect.height)

        var depth = 0
        for line in editor.lines[..<firstLine] {
            _ = PromptHighlighter.spans(in: line, ports: ports, sectionDepth: &depth)
        }
        var y = rect.y - skip
        var index = firstLine
        while y < rect.maxY, index < editor.lines.count {
            if gutter > 0, y >= rect.y {
                let number = String(index + 1)
                let style = focused && index == editor.cursor.line ? theme.text.bolded : theme.dim
                buffer.put(
                    String(repeating: " ", count: max(0, digits - number.count)) + number,
                    x: rect.x, y: y, style: style, clip: rect)
            }
            let spans = PromptHighlighter.spans(in: editor.lines[index], ports: ports, sectionDepth: &depth)
            let rows = rows(of: editor.lines[index], width: textRect.width)
            for (r, row) in rows.enumerated() where y + r >= rect.y && y + r < rect.maxY {
                drawRow(
                    editor, index, row, last: r == rows.count - 1, spans: spans, y: y + r, in: textRect,
                    on: &buffer, theme: theme)
            }
            if editing, index == editor.cursor.line {
                drawCursor(editor, rows: rows, top: y, in: textRect, on: &buffer, theme: theme)
            }
            y += rows.count
            index += 1
        }
        if editor.isEmpty && !editing {
            buffer.put(emptyHint, x: textRect.x, y: rect.y, style: theme.dim, clip: textRect)
        }
    }

    /// The graphemes of each row a line wraps into at `width` cells (`SoftWrap.rows`: after the
    /// last space that fits, mid-word for a word wider than the row; the spaces at a break stay
    /// on the row before it, so the cursor can sit on them). An empty line is one empty row.
    static func rows(of line: [Character], width: Int) -> [Range<Int>] {
        SoftWrap.rows(
            count: line.count, width: width, cellWidth: { TextEditor.cellWidth(line[$0], at: $1) },
            isSpace: { line[$0] == " " })
    }

    /// The row of `rows` the cursor's column is drawn on: a column where one row ends and the
    /// next starts belongs to the next.
    static func cursorRow(_ column: Int, in rows: [Range<Int>]) -> Int {
        rows.lastIndex { $0.lowerBound <= column } ?? 0
    }

    /// The first line to draw and how many of its rows to leave out: the editor's scroll,
    /// moved down when the cursor's line wraps below the pane's bottom.
    static func firstLine(_ editor: TextEditor, width: Int, height: Int) -> (line: Int, skip: Int) {
        var first = max(0, min(editor.scroll, editor.lines.count - 1))
        let cursorLine = editor.cursor.line
        guard cursorLine >= first else { return (first, 0) }
        func bottom(from first: Int) -> Int {
            var used = 0
            for index in first..<cursorLine { used += rows(of: editor.lines[index], width: width).count }
            let rows = rows(of: editor.lines[cursorLine], width: width)
            return used + cursorRow(editor.cursor.column, in: rows) + 1
        }
        while first < cursorLine, bottom(from: first) > height { first += 1 }
        return (first, max(0, bottom(from: first) - height))
    }

    private static func drawRow(
        _ editor: TextEditor, _ index: Int, _ row: Range<Int>, last: Bool, spans: [PromptHighlighter.Span], y: Int,
        in rect: Rect, on buffer: inout CellBuffer, theme: Theme
    ) {
        let line = editor.lines[index]
        let selection = editor.selection
        var spanIndex = 0
        var column = 0
        for offset in row {
            let c = line[offset]
            let width = TextEditor.cellWidth(c, at: column)
            defer { column += width }
            while spanIndex < spans.count, spans[spanIndex].range.upperBound <= offset { spanIndex += 1 }
            var style = theme.text
            if spanIndex < spans.count, spans[spanIndex].range.contains(offset) {
                style = self.style(for: spans[spanIndex], theme: theme)
            }
            if let selection, selection.contains(TextPosition(line: index, column: offset)) { style.reverse = true }
            let x = rect.x + column
            if c == "\t" || DisplayWidth.of(c) == 0 && !VisibleText.needsEscape(c) {
                buffer.fill(Rect(x: x, y: y, width: width, height: 1).intersection(rect), style: style)
            } else {
                buffer.put(String(c), x: x, y: y, style: style, clip: rect)
            }
        }
        // A selection that runs on past this line shows its line break as one reversed cell.
        if last, let selection, index >= selection.lowerBound.line, index < selection.upperBound.line,
            column < rect.width
        {
            buffer.fill(Rect(x: rect.x + column, y: y, width: 1, height: 1), style: theme.selection)
        }
    }

    static func style(for span: PromptHighlighter.Span, theme: Theme) -> Style {
        switch span.kind {
        case .comment: theme.dim
        case .placeholder, .section: span.known ? theme.placeholder : theme.placeholderUnknown
        }
    }

    private static func drawCursor(
        _ editor: TextEditor, rows: [Range<Int>], top: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme
    ) {
        let r = cursorRow(editor.cursor.column, in: rows)
        let y = top + r
        guard y >= rect.y, y < rect.maxY else { return }
        let line = editor.lines[editor.cursor.line]
        var column = 0
        for offset in rows[r].lowerBound..<min(editor.cursor.column, line.count) {
            column += TextEditor.cellWidth(line[offset], at: column)
        }
        // At the end of a row that fills the pane, the cursor sits on its last cell.
        let x = min(rect.x + column, rect.maxX - 1)
        let cursorY = y
        var width = 1
        if editor.cursor.column < line.count {
            width = max(1, min(2, DisplayWidth.of(line[editor.cursor.column])))
        }
        // Inside a reversed selection a reversed cursor would vanish: draw it the other way.
        let selected = editor.selection?.contains(editor.cursor) == true
        let cursorStyle = selected ? Style(underline: true) : theme.cursor
        buffer.restyle(Rect(x: x, y: cursorY, width: min(width, rect.maxX - x), height: 1)) { style in
            style = cursorStyle
        }
    }
}
