import PatchbayCore

/// A line diff of two texts (longest common subsequence): the one both the diff of two runs'
/// text outputs (`ValueDiff`) and `improve`'s diff of the graph it wrote use.
public enum LineDiff {
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Above this many line pairs the table would be too big: texts that long are not diffed.
    static let maxPairs = 1_000_000

    /// Every line of both texts, in order, marked kept, removed or added; nil when the texts are
    /// too long to diff (see `maxPairs`).
    public static func lines(_ a: String, _ b: String) -> [Line]? {
        diff(
            a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Every element of both sequences, in order, marked kept, removed or added (lines here,
    /// words for `WordDiff`); nil when they are too long to diff (see `maxPairs`).
    static func diff(_ x: [String], _ y: [String]) -> [Line]? {
        guard x.count * y.count <= maxPairs else { return nil }
        // lcs[i][j]: the longest common subsequence of x[i...] and y[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [Line] = []
        var (i, j) = (0, 0)
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                out.append(.same(x[i]))
                i += 1
                j += 1
            } else if i < x.count, j == y.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removals before additions, as unified diffs show them.
                out.append(.removed(x[i]))
                i += 1
            } else {
                out.append(.added(y[j]))
                j += 1
            }
        }
        return out
    }

    /// Text for texts too long to diff: `1001 lines → 1001 lines`.
    static func sizes(_ a: String, _ b: String) -> String {
        let count = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).count }
        return "\(count(a)) lines → \(count(b)) lines"
    }

    /// `-`/`+` lines with `context` unchanged lines around each change, `…` between hunks.
    public static func unified(_ a: String, _ b: String, context: Int = 2) -> [String] {
        guard let all = lines(a, b) else { return [sizes(a, b)] }
        let changed = all.indices.filter { if case .same = all[$0] { false } else { true } }
        var shown = Set<Int>()
        for index in changed {
            for k in max(0, index - context)...min(all.count - 1, index + context) { shown.insert(k) }
        }
        var out: [String] = []
        var last = -1
        for index in shown.sorted() {
            if last >= 0, index > last + 1 { out.append("…") }
            switch all[index] {
            case .same(let text): out.append("  " + text)
            case .removed(let text): out.append("- " + text)
            case .added(let text): out.append("+ " + text)
            }
            last = index
        }
        return out.map { TerminalText.escape($0, keepNewlines: false) }
    }
}
