/// The state an undo step restores: the text and where the cursor and selection were.
struct EditSnapshot: Sendable, Hashable {
    var lines: [[Character]]
    var cursor: TextPosition
    var anchor: TextPosition?
}

extension TextEditor {
    /// Steps kept; older ones are dropped (a prompt rarely needs more).
    static let undoLimit = 500

    var snapshot: EditSnapshot { EditSnapshot(lines: lines, cursor: cursor, anchor: anchor) }

    /// Records the state before a change; a new change makes the redo history meaningless.
    mutating func pushUndo() {
        undoStack.append(snapshot)
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        redoStack.removeAll()
    }

    mutating func undo() -> Bool {
        guard let previous = undoStack.popLast() else { return false }
        redoStack.append(snapshot)
        return restore(previous)
    }

    mutating func redo() -> Bool {
        guard let next = redoStack.popLast() else { return false }
        undoStack.append(snapshot)
        return restore(next)
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    private mutating func restore(_ state: EditSnapshot) -> Bool {
        let changed = state.lines != lines
        lines = state.lines
        cursor = clamped(state.cursor)
        anchor = state.anchor.map(clamped)
        coalescing = false
        preferredColumn = nil
        return changed
    }
}
