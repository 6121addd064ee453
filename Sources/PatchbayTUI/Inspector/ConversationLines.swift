import PatchbayCore
import PatchbayPresentation

/// A `Conversation` as inspector lines: each prompt message and each turn under a foldable line
/// (`▾ user`, `▾ turn 1  ✓ 1.2s`), the model's text below it, and each tool call on one line
/// (`▸ get_current_time {"timezone":"Asia/Tokyo"} → 14:02 …`) until it is opened
/// (`InspectorState.openCalls`): then its arguments and result as JSON. Every text is escaped,
/// the model's and the tools' as much as the rest.
enum ConversationLines {
    static func lines(
        _ conversation: Conversation, sectionID: String, options: JSONLines.Options, openCalls: Set<String>
    ) -> [InspectorLine] {
        var out: [InspectorLine] = []
        append(conversation, sectionID: sectionID, options: options, openCalls: openCalls, into: &out)
        return out
    }

    /// The lines appended to `out` (open calls can be thousands of lines: copied once).
    static func append(
        _ conversation: Conversation, sectionID: String, options: JSONLines.Options, openCalls: Set<String>,
        into out: inout [InspectorLine]
    ) {
        let t = options.theme
        let g = options.glyphs
        for (i, message) in conversation.prompt.enumerated() {
            let id = Conversation.messageID(sectionID, i)
            let folded = options.folded.contains(id)
            var head: [InspectorLine.Segment] = [.init(VisibleText.escaped(message.role), t.jsonKey)]
            if folded { head.append(.init("  " + VisibleText.escaped(firstLine(message.text)), t.dim)) }
            out.append(opener(head, id: id, folded: folded, options: options))
            if !folded { out += body(message.text, style: t.text, options: options) }
        }
        for turn in conversation.turns {
            let id = Conversation.turnID(sectionID, turn.index)
            let folded = options.folded.contains(id)
            var head: [InspectorLine.Segment] = [
                .init("turn \(turn.index)", t.title), .init("  ", .plain),
                .init(StatusMark.glyph(turn.status, glyphs: g), StatusMark.style(turn.status, theme: t)),
            ]
            if let duration = turn.duration, turn.status != .running {
                head.append(.init(" " + DurationText.compact(duration), t.text))
            }
            if let usage = turn.usage, usage.inputTokens + usage.outputTokens > 0 {
                head.append(.init("  " + TokenText.compact(usage), t.dim))
            }
            if folded && !turn.calls.isEmpty {
                head.append(.init("  " + (turn.calls.count == 1 ? "1 call" : "\(turn.calls.count) calls"), t.dim))
            }
            out.append(opener(head, id: id, folded: folded, options: options))
            guard !folded else { continue }
            if !turn.text.isEmpty { out += body(turn.text, style: t.text, options: options) }
            if let error = turn.error { out += body(error, style: t.error, options: options) }
            if turn.status == .running && turn.text.isEmpty {
                out += body("waiting for the model…", style: t.dim, options: options)
            }
            for (c, call) in turn.calls.enumerated() {
                let callID = Conversation.callID(sectionID, turn: turn.index, call: c)
                // The call the run waits before, or the trace's, is open until closed.
                let shownOpen = call.status == .paused || (call.path != nil && call.path == conversation.focus)
                let open = openCalls.contains(callID) != shownOpen
                callLines(call, id: callID, open: open, options: options, into: &out)
            }
        }
    }

    /// A call: one clipped line, or (open) its header and its arguments and result as JSON.
    /// Appended to `out`: an open call can be thousands of lines, copied once.
    static func callLines(
        _ call: Conversation.Call, id: String, open: Bool, options: JSONLines.Options, into out: inout [InspectorLine]
    ) {
        let t = options.theme
        let g = options.glyphs
        let arrow = g.isASCII ? "->" : "→"
        var head: [InspectorLine.Segment] = [
            .init("  ", .plain), .init(open ? g.unfolded : g.folded, t.punctuation), .init(" ", .plain),
            .init(VisibleText.escaped(call.tool), t.jsonKey),
        ]
        guard open else {
            head.append(.init(" " + short(call.arguments.compactJSON, options), t.jsonString))
            head.append(.init(" " + arrow + " ", t.punctuation))
            if call.supplied { head.append(.init("(supplied) ", t.warning)) }
            head += outcome(call, options)
            var line = InspectorLine(head, foldID: id, depth: 1, indent: 4)
            line.callID = id
            out.append(options.width > 0 ? line.clipped(width: options.width, ellipsis: g.ellipsis) : line)
            return
        }
        if !call.id.isEmpty { head.append(.init("  " + VisibleText.escaped(call.id), t.dim)) }
        head.append(.init("  ", .plain))
        head.append(.init(StatusMark.glyph(call.status, glyphs: g), StatusMark.style(call.status, theme: t)))
        if let duration = call.duration { head.append(.init(" " + DurationText.compact(duration), t.text)) }
        if call.supplied { head.append(.init("  supplied by hand", t.warning)) }
        var header = InspectorLine(head, foldID: id, depth: 1, indent: 4)
        header.callID = id
        out += InspectorView.wrap(header, options.width)
        var inner = options
        inner.width = options.width > 0 ? max(10, options.width - 4) : options.width
        var values: [String: JSONValue] = ["arguments": call.arguments]
        if let result = call.result { values["result"] = result }
        // Laid out once, not on every frame: a tool's result can be thousands of lines.
        let key = InspectorLinesCache.Key(values: values, sectionID: id, options: inner)
        out += InspectorLinesCache.shared.lines(for: key) {
            JSONLines.members(values, path: id, options: inner).map { shifted($0, call: id) }
        }
        var note: [InspectorLine] = []
        if call.result == nil {
            note = InspectorView.prose(pending(call), first: [.init("  ", .plain)], style: t.dim, width: inner.width)
        } else if let text = call.resultText, call.isError {
            note = InspectorView.prose(text, first: [.init("  told: ", t.dim)], style: t.error, width: inner.width)
        }
        out += note.map { shifted($0, call: id) }
    }

    /// A line of a call's body: four columns in, two levels deeper, and marked as the call's.
    static func shifted(_ line: InspectorLine, call id: String) -> InspectorLine {
        var line = line
        line.segments.insert(.init("    ", .plain), at: 0)
        line.indent += 4
        line.depth += 2
        line.callID = id
        return line
    }

    /// After the arrow of a closed call: what the model was told, or where the call stands.
    static func outcome(_ call: Conversation.Call, _ options: JSONLines.Options) -> [InspectorLine.Segment] {
        let t = options.theme
        switch call.status {
        case .paused, .running, .idle, .ready:
            let word = call.status == .paused ? "paused" : pending(call)
            return [
                .init(StatusMark.glyph(call.status, glyphs: options.glyphs), StatusMark.style(call.status, theme: t)),
                .init(" " + word, t.dim),
            ]
        default:
            let text = call.resultText ?? call.result.map { $0.stringValue ?? $0.compactJSON } ?? ""
            if call.isError || call.status == .failed {
                return [
                    .init(options.glyphs.status(.failed) + " ", t.error), .init(short(text, options), t.error),
                ]
            }
            return [.init(short(text, options), t.text)]
        }
    }

    static func pending(_ call: Conversation.Call) -> String {
        switch call.status {
        case .paused: "paused: e edits the arguments, S supplies a result instead"
        case .running: "running…"
        default: "not run"
        }
    }

    /// The start of a one-line text, escaped: enough to fill a row, never a whole large value.
    static func short(_ text: String, _ options: JSONLines.Options) -> String {
        let room = options.width > 0 ? options.width + 8 : 400
        return VisibleText.escaped(text.count > room ? String(text.prefix(room)) : text)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).first ?? "")
    }

    /// A foldable line at depth 0: its glyph at column 0, its text at column 2.
    static func opener(_ segments: [InspectorLine.Segment], id: String, folded: Bool, options: JSONLines.Options)
        -> InspectorLine
    {
        let glyph = folded ? options.glyphs.folded : options.glyphs.unfolded
        let line = InspectorLine(
            [.init(glyph, options.theme.punctuation), .init(" ", .plain)] + segments, foldID: id, depth: 0, indent: 2)
        return options.width > 0 ? line.clipped(width: options.width, ellipsis: options.glyphs.ellipsis) : line
    }

    /// Message text below its opener, four columns in, wrapped.
    static func body(_ text: String, style: Style, options: JSONLines.Options) -> [InspectorLine] {
        InspectorView.prose(text, first: [.init("    ", .plain)], style: style, width: options.width)
    }
}
