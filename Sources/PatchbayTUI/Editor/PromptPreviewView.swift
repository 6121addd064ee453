/// Draws a `PromptPreview.Result`: the rendered prompt soft-wrapped at the pane's width; or,
/// while values are missing, a dim "waiting for" line and the template with the missing
/// placeholders marked; or the syntax error above the template.
public enum PromptPreviewView {
    public static func draw(
        _ result: PromptPreview.Result, scroll: Int, in rect: Rect, on buffer: inout CellBuffer, theme: Theme
    ) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.text)
        let rows = self.rows(result, width: rect.width, theme: theme)
        let first = max(0, min(scroll, rows.count - 1))
        for row in 0..<rect.height {
            let index = first + row
            guard index < rows.count else { break }
            var x = rect.x
            for cell in rows[index] {
                x = buffer.put(String(cell.character), x: x, y: rect.y + row, style: cell.style, clip: rect)
            }
        }
    }

    /// Rows the result takes at `width` (for clamping the scroll).
    public static func lineCount(_ result: PromptPreview.Result, width: Int) -> Int {
        rows(result, width: width, theme: .monochrome).count
    }

    static func rows(_ result: PromptPreview.Result, width: Int, theme: Theme) -> [[StyledCharacter]] {
        var rows: [[StyledCharacter]] = []
        func add(_ text: String, _ style: Style) {
            for line in TextEditor.split(text) {
                rows += SoftWrap.wrap(SoftWrap.visible(line.map { StyledCharacter($0, style) }), width: width)
            }
        }
        if let text = result.text {
            add(text, theme.text)
            return rows
        }
        if let error = result.error {
            add(error, theme.error)
        } else {
            add(
                "waiting for: \(result.missing.joined(separator: ", ")) (run the graph or step to this node)", theme.dim
            )
        }
        rows.append([])
        // The template, tags coloured: a missing name is "unknown", any other is known.
        let missingNames = Set(result.missing.map { String($0.prefix { $0 != "." }) })
        var depth = 0
        for line in TextEditor.split(result.template) {
            let spans = PromptHighlighter.spans(in: line, ports: [], sectionDepth: &depth)
            var cells = line.map { StyledCharacter($0, result.error == nil ? theme.text : theme.dim) }
            if result.error == nil {
                for span in spans {
                    var style = PromptEditorView.style(for: span, theme: theme)
                    if case .comment = span.kind {
                    } else {
                        style = missingNames.contains(span.name) ? theme.placeholderUnknown : theme.placeholder
                    }
                    for i in span.range where i < cells.count { cells[i].style = style }
                }
            }
            rows += SoftWrap.wrap(SoftWrap.visible(cells), width: width)
        }
        return rows
    }
}
