import PatchbayPresentation

extension InspectorLine {
    /// The line soft-wrapped to `width` columns. Continuations start at `indent + 2` so they
    /// read as part of the line above; breaks fall after a space when one is near the end.
    public func wrapped(width: Int) -> [InspectorLine] {
        guard width > 0, self.width > width else { return [self] }
        let hang = min(indent + 2, width / 2)
        var chars: [(ch: Character, w: Int, style: Style)] = []
        for segment in segments {
            for ch in segment.text { chars.append((ch, DisplayWidth.of(ch), segment.style)) }
        }
        var result: [InspectorLine] = []
        var start = 0
        while start < chars.count {
            let lead = result.isEmpty ? 0 : hang
            let room = max(1, width - lead)
            var used = 0
            var end = start
            while end < chars.count, used + chars[end].w <= room {
                used += chars[end].w
                end += 1
            }
            if end == start { end = start + 1 }  // wider than the room: the buffer clips it
            if end < chars.count, let space = chars[start..<end].lastIndex(where: { $0.ch == " " }),
                space + 1 > start + (end - start) / 2
            {
                end = space + 1
            }
            var pieces: [Segment] = lead > 0 ? [Segment(String(repeating: " ", count: lead), .plain)] : []
            for (ch, _, style) in chars[start..<end] {
                if let last = pieces.last, last.style == style {
                    pieces[pieces.count - 1].text.append(ch)
                } else {
                    pieces.append(Segment(String(ch), style))
                }
            }
            var piece = InspectorLine(
                pieces, foldID: foldID, depth: depth, indent: result.isEmpty ? indent : hang, isHeading: isHeading,
                isContinuation: !result.isEmpty)
            piece.valuePath = valuePath
            result.append(piece)
            start = end
        }
        return result
    }

    /// The line cut to `width` columns, ending in `ellipsis` when something was cut.
    public func clipped(width: Int, ellipsis: String) -> InspectorLine {
        guard width > 0, self.width > width else { return self }
        let room = width - DisplayWidth.of(ellipsis)
        var used = 0
        var out: [Segment] = []
        var lastStyle = Style.plain
        for segment in segments {
            let w = DisplayWidth.of(segment.text)
            if used + w <= room {
                out.append(segment)
                used += w
                lastStyle = segment.style
                continue
            }
            let (prefix, pw) = DisplayWidth.prefix(segment.text, fitting: max(0, room - used))
            if !prefix.isEmpty { out.append(Segment(String(prefix), segment.style)) }
            used += pw
            lastStyle = segment.style
            break
        }
        out.append(Segment(ellipsis, Style(lastStyle.foreground, dim: true)))
        var copy = self
        copy.segments = out
        return copy
    }
}
