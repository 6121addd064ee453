import PatchbayCore

/// How one value that differs is shown by every front end (the workbench's compare pane,
/// `patchbay diff-runs`), so both say the same thing.
extension ValueDiff {
    public enum Detail: Sendable, Hashable {
        /// Two texts: a word diff, lines of parts kept, removed and added (not escaped).
        case words([[LineDiff.Line]])
        /// Two objects: the keys that differ (`ValueDiff.keyDiff`, escaped).
        case keys([String])
        /// Anything else, or texts too long for a word diff: `ValueDiff.lines` (escaped, the
        /// value's name in them).
        case lines([String])
    }

    /// A word diff of two texts, the keys that differ of two objects, else `name: a → b`; a
    /// text too long for a word diff gets the line diff.
    public static func detail(_ change: ValueChange) -> Detail {
        switch (change.a, change.b) {
        case (.string(let x)?, .string(let y)?):
            WordDiff.lines(x, y).map(Detail.words) ?? .lines(lines(change))
        case (.object(let x)?, .object(let y)?):
            .keys(keyDiff(x, y))
        default:
            .lines(lines(change))
        }
    }
}
