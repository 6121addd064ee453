/// "Did you mean" for every misspelt name Patchbay meets — kinds, fields, nodes, ports, config
/// keys, providers, cases-file keys, limits — with one rule for what counts as a likely typo.
public enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo:
    /// at most a third of the word's length in edits (at least 1, at most 3).
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let count = word.count
        let limit = min(3, max(1, count / 3))
        var best: (name: String, distance: Int)?
        let lowered = word.lowercased()
        for candidate in candidates {
            // Lengths first: most candidates are ruled out without lowercasing a copy.
            if abs(candidate.count - count) > limit { continue }
            let distance = editDistance(lowered, candidate.lowercased(), limit: limit)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// "did you mean `x`?" or nil, for hints that go on to say more: `didYouMeanHint` as text.
    public static func didYouMean<S: Sequence>(_ word: String, in candidates: S) -> String? where S.Element == String {
        didYouMeanHint(word, in: candidates)?.description
    }

    /// `.didYouMean([x])` for the closest candidate, or nil. The candidate is escaped when shown
    /// (`a\u{200B}b`); when it differs from the word only by invisible characters, both would
    /// read `ab`, so the hint is text that says so (a list of names can't).
    public static func didYouMeanHint<S: Sequence>(_ word: String, in candidates: S) -> Hint?
    where S.Element == String {
        guard let candidate = closest(to: word, in: candidates) else { return nil }
        let hint = Hint.didYouMean([candidate])
        guard candidate != word, visibleSkeleton(candidate) == visibleSkeleton(word) else { return hint }
        return .text(hint.description + " (they differ only in invisible characters, shown as \\u{…})")
    }

    /// `.didYouMean([x], also: more)` when a candidate is close, else `.text(more)`: for hints
    /// that go on to say what exists or what to do.
    public static func hint<S: Sequence>(for word: String, in candidates: S, also more: String) -> Hint
    where S.Element == String {
        switch didYouMeanHint(word, in: candidates) {
        case .didYouMean(let names, _)?: .didYouMean(names, also: more)
        case let other?: .text(other.description + " " + more)
        case nil: .text(more)
        }
    }

    /// `.didYouMean([x])`, else what exists: "expected one of `a`, `b` and `c`" (sorted).
    public static func hint<S: Sequence>(for word: String, in candidates: S) -> Hint where S.Element == String {
        let sorted = candidates.sorted()
        return didYouMeanHint(word, in: sorted) ?? .text("expected one of " + list(sorted))
    }

    /// `text` without its invisible and bidi characters: what a reader sees of it.
    static func visibleSkeleton(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { !TerminalText.isInvisible($0) })
        return String(out)
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit. With a `limit`,
    /// only the band of cells within `limit` of the diagonal is filled (two 20,000-character ids
    /// took 57 s in full), and it stops early, returning `limit + 1`, once every path costs more.
    static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a)
        let b = Array(b)
        if abs(a.count - b.count) > limit { return limit == .max ? max(a.count, b.count) : limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Cells outside the band count as "over the limit".
        let over = limit == .max ? Int.max / 2 : limit + 1
        var before = [Int](repeating: over, count: b.count + 1)
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let low = limit == .max ? 1 : max(1, i - limit)
            let high = limit == .max ? b.count : min(b.count, i + limit)
            current[0] = min(i, over)
            if low > 1 { current[low - 1] = over }
            var rowMinimum = low == 1 ? current[0] : over
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = min(value, over)
                rowMinimum = min(rowMinimum, value)
            }
            if high < b.count { current[high + 1] = over }
            if rowMinimum > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// `a`, `b` and `c` — for hints that list what exists.
    public static func list<S: Sequence>(_ names: S) -> String where S.Element == String {
        let quoted = names.map { "`\($0)`" }
        switch quoted.count {
        case 0: return "none"
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }
}
