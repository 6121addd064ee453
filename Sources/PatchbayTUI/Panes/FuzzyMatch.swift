/// The palette's and choice lists' filter: the query's characters in order in the title,
/// ranked prefix, then word start, then any subsequence. Case-insensitive.
enum FuzzyMatch {
    /// 0 prefix, 1 a word of the title starts with the query, 2 subsequence; nil no match.
    static func rank(_ query: String, in title: String) -> Int? {
        if query.isEmpty { return 0 }
        let q = query.lowercased()
        let t = title.lowercased()
        if t.hasPrefix(q) { return 0 }
        var atWordStart = true
        var index = t.startIndex
        while index < t.endIndex {
            let c = t[index]
            if atWordStart, t[index...].hasPrefix(q) { return 1 }
            atWordStart = !(c.isLetter || c.isNumber)
            index = t.index(after: index)
        }
        var rest = Substring(q)
        for c in t where c == rest.first {
            rest.removeFirst()
            if rest.isEmpty { return 2 }
        }
        return nil
    }

    /// Indices of `titles` that match, best rank first; ties keep the order `tieBreak` gives.
    static func filter(_ query: String, titles: [String], tieBreak: (Int, Int) -> Bool) -> [Int] {
        var ranked: [(index: Int, rank: Int)] = []
        ranked.reserveCapacity(titles.count)
        for (index, title) in titles.enumerated() {
            if let rank = rank(query, in: title) { ranked.append((index, rank)) }
        }
        ranked.sort { $0.rank != $1.rank ? $0.rank < $1.rank : tieBreak($0.index, $1.index) }
        return ranked.map(\.index)
    }
}
