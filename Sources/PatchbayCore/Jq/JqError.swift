/// A jq program that does not compile, or that failed while running.
///
/// `message` is jq's own text (e.g. `syntax error, unexpected '|' at column 4`
/// or `Cannot index number with string "a"`), without jq's `jq: error:` prefix.
public struct JqError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the program a compile error is (1-based line and column, columns counting
    /// Unicode scalars), when jq said; the message says it too.
    public var position: Position?

    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension JqError {
    /// The evaluation was stopped because its task was cancelled (the node then ends cancelled).
    static let cancelled = JqError("cancelled while the jq program was running")
}
