import PatchbayCore

/// A word diff of two texts: `LineDiff`'s longest common subsequence over words (and the spaces
/// and line breaks between them) instead of lines, so a sentence that changed one word shows
/// that word. The texts are not escaped: a front end escapes each part as it draws it.
public enum WordDiff {
    /// The diff as lines of parts, each kept, removed or added (a run of words and spaces).
    /// Every line break ends a line, except in a change of nothing but spaces and line breaks:
    /// that stays a part (its breaks shown escaped, `\n`), so the change can be seen. Nil when
    /// the texts have too many words to diff (`LineDiff.maxPairs`).
    public static func lines(_ a: String, _ b: String) -> [[LineDiff.Line]]? {
        guard let tokens = LineDiff.diff(words(a), words(b)) else { return nil }
        var lines: [[LineDiff.Line]] = [[]]
        func add(_ part: LineDiff.Line) {
            var line = lines.removeLast()
            // Runs of one kind are one part.
            switch (line.last, part) {
            case (.same(let x)?, .same(let y)): line[line.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): line[line.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): line[line.count - 1] = .added(x + y)
            default: line.append(part)
            }
            lines.append(line)
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .same("\n"):
                lines.append([])
            case .removed("\n"), .added("\n"):
                // A break that changed breaks the line, unless nothing else changed with it:
                // then it is a part, shown escaped, so the change can be seen.
                if blankChange(tokens, around: index) { add(token) } else { lines.append([]) }
            default:
                add(token)
            }
        }
        return lines
    }

    /// The lines as text, git's `--word-diff=plain` way: `[-removed-]{+added+}`.
    public static func plain(_ lines: [[LineDiff.Line]]) -> [String] {
        lines.map { parts in
            parts.map { part in
                switch part {
                case .same(let text): text
                case .removed(let text): "[-" + text + "-]"
                case .added(let text): "{+" + text + "+}"
                }
            }
            .joined()
        }
    }

    /// Words, runs of spaces, and each line break alone.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character == "\n" {
                if !current.isEmpty { out.append(current) }
                out.append("\n")
                current = ""
                continue
            }
            let space = character == " " || character == "\t"
            if !current.isEmpty, space != inSpace {
                out.append(current)
                current = ""
            }
            inSpace = space
            current.append(character)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// True when the run of changes around `index` (tokens neither text kept) holds only
    /// spaces and line breaks: nothing would show that it changed but the break itself.
    static func blankChange(_ tokens: [LineDiff.Line], around index: Int) -> Bool {
        func changedText(_ i: Int) -> String? {
            switch tokens[i] {
            case .same: nil
            case .removed(let text), .added(let text): text
            }
        }
        var (low, high) = (index, index)
        while low > 0, changedText(low - 1) != nil { low -= 1 }
        while high < tokens.count - 1, changedText(high + 1) != nil { high += 1 }
        return (low...high).allSatisfy { i in
            changedText(i)?.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" } ?? true
        }
    }
}
