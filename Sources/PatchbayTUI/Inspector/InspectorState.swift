/// What the person did to the inspector: where they are, what they folded, whether long lines
/// wrap. Cursor and scroll count display lines (after wrapping and folding).
public struct InspectorState: Sendable, Hashable {
    public var scroll: Int
    public var cursor: Int
    /// Fold ids (`outputs.json.items`, or a section id like `config`) that are collapsed.
    public var folded: Set<String>
    public var wrap: Bool
    /// Tool calls of a conversation (`conversation.turn[1].call[0]`) shown open: calls are one
    /// line each until opened, the other way round from `folded`.
    public var openCalls: Set<String>

    public init(
        scroll: Int = 0, cursor: Int = 0, folded: Set<String> = [], wrap: Bool = true, openCalls: Set<String> = []
    ) {
        self.scroll = scroll
        self.cursor = cursor
        self.folded = folded
        self.wrap = wrap
        self.openCalls = openCalls
    }

    /// Applies a command to the lines currently shown (`InspectorView.lines`), `height` rows tall.
    public mutating func perform(_ command: InspectorCommand, lines: [InspectorLine], height: Int) {
        switch command {
        case .toggleFold:
            guard lines.indices.contains(cursor), let id = lines[cursor].foldID else { break }
            if id == lines[cursor].callID {
                toggleCall(id, lines: lines)
                break
            }
            if folded.contains(id) { folded.remove(id) } else { folded.insert(id) }
            // Back to the first piece of a wrapped line: the rest folds into it.
            while cursor > 0, lines[cursor].isContinuation, lines[cursor - 1].foldID == id { cursor -= 1 }
        case .toggleCall:
            guard lines.indices.contains(cursor), let id = lines[cursor].callID else { break }
            toggleCall(id, lines: lines)
        case .foldAll:
            for line in lines where line.depth >= 1 && !line.isContinuation {
                if let id = line.foldID, id != line.callID { folded.insert(id) }
            }
            openCalls.removeAll()
        case .unfoldAll:
            folded.removeAll()
            for line in lines { if let id = line.callID { openCalls.insert(id) } }
        default:
            perform(command, lineCount: lines.count, height: height)
            return
        }
        clamp(lineCount: lines.count, height: height)
    }

    /// Opens or closes a call, the cursor back on its first line (the rest folds into it).
    private mutating func toggleCall(_ id: String, lines: [InspectorLine]) {
        if openCalls.contains(id) { openCalls.remove(id) } else { openCalls.insert(id) }
        while cursor > 0, lines[cursor - 1].callID == id { cursor -= 1 }
    }

    /// Movement, `unfoldAll` and `toggleWrap`, which need no lines. `toggleFold`, `toggleCall`
    /// and `foldAll` need the lines (`perform(_:lines:height:)`) and do nothing here.
    public mutating func perform(_ command: InspectorCommand, lineCount: Int, height: Int) {
        let page = max(1, height - 1)
        switch command {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp:
            cursor -= page
            scroll -= page
        case .pageDown:
            cursor += page
            scroll += page
        case .top: cursor = 0
        case .bottom: cursor = lineCount - 1
        case .unfoldAll: folded.removeAll()
        case .toggleWrap: wrap.toggle()
        case .toggleFold, .toggleCall, .foldAll: break
        }
        clamp(lineCount: lineCount, height: height)
    }

    /// Keeps the cursor on a line and in view, and the scroll within the content.
    public mutating func clamp(lineCount: Int, height: Int) {
        cursor = max(0, min(cursor, lineCount - 1))
        let rows = max(1, height)
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + rows { scroll = cursor - rows + 1 }
        scroll = max(0, min(scroll, lineCount - rows))
    }
}

public enum InspectorCommand: Sendable, Hashable, CaseIterable {
    case up, down, pageUp, pageDown, top, bottom, toggleFold, toggleCall, foldAll, unfoldAll, toggleWrap
}
