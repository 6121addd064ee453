/// A layout file that cannot be used: which file, which line (when the YAML parser knows it),
/// what is wrong and what to do about it.
public struct LayoutError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public var hint: String

    public init(file: String, line: Int?, message: String, hint: String) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    /// `layouts/x.yaml:4: unknown pane `grph`; did you mean `graph`?`
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return hint.isEmpty ? "\(place): \(message)" : "\(place): \(message); \(hint)"
    }

    /// The candidate closest to `word` when it is a plausible typo (a third of its length in
    /// edits, at least 1, at most 3).
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = min(3, max(1, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
