/// "Did you mean" for misspelt config keys, providers and aliases. (PatchbayCore has its own,
/// internal to it; this one is the same idea, kept small.)
enum ConfigSuggestions {
    /// The candidate closest to `word` when close enough to be a typo: at most a third of the
    /// word's length in edits (at least 1, at most 3).
    static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = min(3, max(1, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// "did you mean `x`?", else the list of what exists.
    static func hint<S: Sequence>(for word: String, in candidates: S) -> String where S.Element == String {
        if let match = closest(to: word, in: candidates) { return "did you mean `\(match)`?" }
        return "expected one of " + list(candidates)
    }

    /// `a`, `b` and `c`, sorted.
    static func list<S: Sequence>(_ names: S) -> String where S.Element == String {
        let quoted = names.sorted().map { "`\($0)`" }
        switch quoted.count {
        case 0: return "none"
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }

    /// Levenshtein distance with an adjacent transposition counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = value
            }
        }
        return rows[a.count][b.count]
    }
}
