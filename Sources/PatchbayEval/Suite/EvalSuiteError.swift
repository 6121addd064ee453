import PatchbayCore

/// Every problem found in a cases file, each with its place: `cases.yaml:4:3: error: …`.
public struct EvalSuiteError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var column: Int?
        public var message: String
        public var hint: String?

        /// Escaped with `TerminalText`: column names, ids and the path come from the files.
        public var description: String {
            let place = [
                TerminalText.escape(path, keepNewlines: false), line.map(String.init),
                line == nil ? nil : String(column ?? 1),
            ]
            .compactMap { $0 }.joined(separator: ":")
            return "\(place): error: \(TerminalText.escape(message))"
                + (hint.map { "\n  hint: \(TerminalText.escape($0))" } ?? "")
        }
    }

    public var problems: [Problem]
    /// Problems found after the first ones, counted but not listed.
    public var notShown: Int

    public init(problems: [Problem], notShown: Int = 0) {
        self.problems = problems
        self.notShown = notShown
    }

    public var description: String {
        var lines = problems.map(\.description)
        if notShown > 0, let path = problems.last?.path {
            lines.append(
                "\(TerminalText.escape(path, keepNewlines: false)): \(notShown) more problems not shown (the first \(problems.count) are above)"
            )
        }
        return lines.joined(separator: "\n")
    }
}

/// A problem before its place is known; the loader adds file, line and column.
struct LoadProblem: Error {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
