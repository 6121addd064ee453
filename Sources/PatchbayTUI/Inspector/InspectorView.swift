import PatchbayCore
import PatchbayPresentation

/// Draws `InspectorContent`: a header, then each section under a bold heading with a rule,
/// its values as foldable JSON. Only the visible rows are drawn.
public enum InspectorView {
    /// Every display line for this width and state (wrapped or clipped, folds applied).
    /// `InspectorState.perform(_:lines:height:)` takes these.
    public static func lines(
        _ content: InspectorContent, state: InspectorState, width: Int, theme: Theme, glyphs: Glyphs
    )
        -> [InspectorLine]
    {
        var out = headerLines(content.header, width: width, theme: theme, glyphs: glyphs)
        let options = JSONLines.Options(
            folded: state.folded, wrap: state.wrap, width: width, theme: theme, glyphs: glyphs)
        for section in content.sections {
            out.append(.blank)
            let folded = state.folded.contains(section.id)
            out.append(
                heading(section.title, id: section.id, folded: folded, width: width, theme: theme, glyphs: glyphs))
            guard !folded else { continue }
            for block in section.blocks {
                if case .conversation(let conversation) = block {
                    ConversationLines.append(
                        conversation, sectionID: section.id, options: options, openCalls: state.openCalls, into: &out)
                } else {
                    out += blockLines(block, sectionID: section.id, options: options, openCalls: state.openCalls)
                }
            }
        }
        return out
    }

    public static func draw(
        _ content: InspectorContent, state: InspectorState, in rect: Rect, on buffer: inout CellBuffer, theme: Theme,
        glyphs: Glyphs, focused: Bool
    ) {
        buffer.fill(rect)
        guard !rect.isEmpty else { return }
        let all = lines(content, state: state, width: rect.width, theme: theme, glyphs: glyphs)
        // The state may be stale (resize, new content): clamp a copy, never trust it blindly.
        var view = state
        view.clamp(lineCount: all.count, height: rect.height)
        let end = min(all.count, view.scroll + rect.height)
        for index in view.scroll..<max(view.scroll, end) {
            let y = rect.y + index - view.scroll
            var x = rect.x
            for segment in all[index].segments {
                x = buffer.put(segment.text, x: x, y: y, style: segment.style, clip: rect)
            }
            if focused && index == view.cursor {
                buffer.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) {
                    $0 = highlight($0, with: theme.cursor)
                }
            }
        }
        // The position goes on the pane's bottom border, where it covers no value.
        if all.count > rect.height, rect.maxY < buffer.height {
            let label = " \(view.cursor + 1)/\(all.count) "
            let w = DisplayWidth.of(label)
            if w + 2 < rect.width {
                let border = Rect(x: rect.x, y: rect.maxY, width: rect.width, height: 1)
                buffer.put(label, x: rect.maxX - w - 1, y: rect.maxY, style: theme.dim, clip: border)
            }
        }
    }

    static func highlight(_ base: Style, with cursor: Style) -> Style {
        var style = base
        if cursor.reverse { style.reverse.toggle() }
        style.bold = style.bold || cursor.bold
        style.underline = style.underline || cursor.underline
        if cursor.background != .terminal { style.background = cursor.background }
        if cursor.foreground != .terminal { style.foreground = cursor.foreground }
        return style
    }

    // MARK: - Pieces

    static func headerLines(_ header: InspectorContent.Header, width: Int, theme: Theme, glyphs: Glyphs)
        -> [InspectorLine]
    {
        let title = InspectorLine([
            .init(VisibleText.escaped(header.title), theme.title), .init("  " + header.kind, theme.dim),
        ])
        var facts: [InspectorLine.Segment] = [
            .init(
                StatusMark.glyph(header.status, glyphs: glyphs) + " " + header.statusWord,
                StatusMark.style(header.status, theme: theme))
        ]
        func fact(_ text: String, _ style: Style = theme.text) {
            facts.append(.init("  ", .plain))
            facts.append(.init(text, style))
        }
        if let duration = header.duration { fact(DurationText.compact(duration)) }
        if let usage = header.usage { fact(TokenText.long(usage)) }
        if let cost = header.cost, cost > 0 { fact(CostText.compact(cost)) }
        if header.cached && header.statusWord != "cached" { fact("cached", theme.cached) }
        if header.attempts > 1 { fact("\(header.attempts) attempts", theme.warning) }
        var lines = wrap(title, width) + wrap(InspectorLine(facts), width)
        if let notice = header.notice {
            lines += prose(notice, first: [.init("! ", theme.warning)], style: theme.warning, width: width)
        }
        return lines
    }

    static func heading(_ title: String, id: String, folded: Bool, width: Int, theme: Theme, glyphs: Glyphs)
        -> InspectorLine
    {
        let glyph = folded ? glyphs.folded : glyphs.unfolded
        var segments: [InspectorLine.Segment] = [.init(glyph + " ", theme.punctuation), .init(title, theme.title)]
        let used = DisplayWidth.of(glyph) + 1 + DisplayWidth.of(title)
        if width > used + 2 {
            segments.append(.init(" " + String(repeating: glyphs.horizontal, count: width - used - 1), theme.border))
        }
        return InspectorLine(segments, foldID: id, depth: -1, isHeading: true)
    }

    static func blockLines(
        _ block: InspectorContent.Block, sectionID: String, options: JSONLines.Options, openCalls: Set<String> = []
    ) -> [InspectorLine] {
        let theme = options.theme
        switch block {
        case .values(let values):
            let key = InspectorLinesCache.Key(values: values, sectionID: sectionID, options: options)
            return InspectorLinesCache.shared.lines(for: key) {
                JSONLines.members(values, path: sectionID, options: options)
            }
        case .conversation(let conversation):
            return ConversationLines.lines(conversation, sectionID: sectionID, options: options, openCalls: openCalls)
        case .note(let text):
            return wrap(InspectorLine([.init("  " + VisibleText.escaped(text), theme.dim)], indent: 2), options.width)
        case .hint(let text):
            return prose(text, first: [.init("  hint: ", theme.dim)], style: theme.text, width: options.width)
        case .text(let text, let tone):
            let style: Style =
                switch tone {
                case .plain: theme.text
                case .dim: theme.dim
                case .error: theme.error
                case .warning: theme.warning
                }
            return prose(text, first: [.init("  ", .plain)], style: style, width: options.width)
        case .problem(let severity, let message, let hint):
            let mark = severity == .error ? options.glyphs.status(.failed) : "!"
            let style = severity == .error ? theme.error : theme.warning
            var out = prose(message, first: [.init("  " + mark + " ", style)], style: style, width: options.width)
            if let hint {
                out += prose(hint, first: [.init("    hint: ", theme.dim)], style: theme.text, width: options.width)
            }
            return out
        }
    }

    /// Text that keeps its own line breaks and always wraps: messages and streamed tokens.
    /// Lines after the first line up under the text, not under the prefix.
    static func prose(_ text: String, first: [InspectorLine.Segment], style: Style, width: Int) -> [InspectorLine] {
        let prefixWidth = first.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let pad = String(repeating: " ", count: prefixWidth)
        var out: [InspectorLine] = []
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
        for (i, part) in parts.enumerated() {
            let lead: [InspectorLine.Segment] = i == 0 ? first : [.init(pad, .plain)]
            let line = InspectorLine(lead + [.init(VisibleText.escaped(String(part)), style)], indent: prefixWidth - 2)
            out += wrap(line, width)
        }
        return out
    }

    static func wrap(_ line: InspectorLine, _ width: Int) -> [InspectorLine] {
        width > 0 ? line.wrapped(width: width) : [line]
    }
}
