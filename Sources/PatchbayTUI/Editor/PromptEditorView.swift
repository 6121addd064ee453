import PatchbayPresentation

/// Draws a `TextEditor` into a pane's inner rectangle: a dim gutter of line numbers, the
/// text with Mustache tags highlighted, the selection reversed and, while editing, the cursor.
/// Long lines are not wrapped: the view scrolls sideways so the cursor's column stays in
/// sight, and marks clipped text with an ellipsis at either edge.
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
        let hscroll = horizontalScroll(editor, width: textRect.width)

        var depth = 0
        let firstLine = max(0, min(editor.scroll, editor.lines.count - 1))
        for line in editor.lines[..<firstLine] {
            _ = PromptHighlighter.spans(in: line, ports: ports, sectionDepth: &depth)
        }
        for row in 0..<rect.height {
            let index = firstLine + row
            guard index < editor.lines.count else { break }
            let y = rect.y + row
            if gutter > 0 {
                let number = String(index + 1)
                let style = focused && index == editor.cursor.line ? theme.text.bolded : theme.dim
                buffer.put(
                    String(repeating: " ", count: max(0, digits - number.count)) + number,
                    x: rect.x, y: y, style: style, clip: rect)
            }
            let spans = PromptHighlighter.spans(in: editor.lines[index], ports: ports, sectionDepth: &depth)
            drawLine(
                editor, index, spans: spans, hscroll: hscroll, y: y, in: textRect, on: &buffer,
                theme: theme, glyphs: glyphs)
        }
        if editor.isEmpty && !editing {
            buffer.put(emptyHint, x: textRect.x, y: rect.y, style: theme.dim, clip: textRect)
        }
        if editing { drawCursor(editor, hscroll: hscroll, in: textRect, on: &buffer, theme: theme) }
    }

    /// Columns hidden on the left so the cursor shows, one cell short of the right edge
    /// (where the clipped-text marker goes).
    static func horizontalScroll(_ editor: TextEditor, width: Int) -> Int {
        let column = editor.displayColumn(of: editor.cursor)
        let limit = max(0, width - 2)
        return column > limit ? column - limit : 0
    }

    private static func drawLine(
        _ editor: TextEditor, _ index: Int, spans: [PromptHighlighter.Span], hscroll: Int, y: Int,
        in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let line = editor.lines[index]
        let selection = editor.selection
        var spanIndex = 0
        var column = 0
        var clippedRight = false
        for (offset, c) in line.enumerated() {
            let width = TextEditor.cellWidth(c, at: column)
            defer { column += width }
            if column + width <= hscroll { continue }
            if column + width > hscroll + rect.width {
                clippedRight = true
                break
            }
            while spanIndex < spans.count, spans[spanIndex].range.upperBound <= offset { spanIndex += 1 }
            var style = theme.text
            if spanIndex < spans.count, spans[spanIndex].range.contains(offset) {
                style = self.style(for: spans[spanIndex], theme: theme)
            }
            if let selection, selection.contains(TextPosition(line: index, column: offset)) { style.reverse = true }
            let x = rect.x + column - hscroll
            if column < hscroll {
                // A wide character or tab cut by the left edge: its visible part is blank.
                buffer.fill(Rect(x: rect.x, y: y, width: column + width - hscroll, height: 1), style: style)
            } else if c == "\t" || DisplayWidth.of(c) == 0 && !VisibleText.needsEscape(c) {
                buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
            } else {
                buffer.put(String(c), x: x, y: y, style: style, clip: rect)
            }
        }
        // A selection that runs on past this line shows its line break as one reversed cell.
        if let selection, !clippedRight, index >= selection.lowerBound.line, index < selection.upperBound.line,
            column >= hscroll, column - hscroll < rect.width
        {
            buffer.fill(Rect(x: rect.x + column - hscroll, y: y, width: 1, height: 1), style: theme.selection)
        }
        if clippedRight {
            buffer.put(glyphs.ellipsis, x: rect.maxX - 1, y: y, style: theme.dim, clip: rect)
        }
        if hscroll > 0, !line.isEmpty {
            buffer.put(glyphs.ellipsis, x: rect.x, y: y, style: theme.dim, clip: rect)
        }
    }

    static func style(for span: PromptHighlighter.Span, theme: Theme) -> Style {
        switch span.kind {
        case .comment: theme.dim
        case .placeholder, .section: span.known ? theme.placeholder : theme.placeholderUnknown
        }
    }

    private static func drawCursor(
        _ editor: TextEditor, hscroll: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme
    ) {
        let row = editor.cursor.line - editor.scroll
        guard row >= 0, row < rect.height else { return }
        let x = rect.x + editor.displayColumn(of: editor.cursor) - hscroll
        guard x >= rect.x, x < rect.maxX else { return }
        let line = editor.lines[editor.cursor.line]
        var width = 1
        if editor.cursor.column < line.count {
            width = min(2, DisplayWidth.of(line[editor.cursor.column]))
            width = max(1, width)
        }
        // Inside a reversed selection a reversed cursor would vanish: draw it the other way.
        let selected = editor.selection?.contains(editor.cursor) == true
        let cursorStyle = selected ? Style(underline: true) : theme.cursor
        buffer.restyle(Rect(x: x, y: rect.y + row, width: min(width, rect.maxX - x), height: 1)) { style in
            style = cursorStyle
        }
    }
}
