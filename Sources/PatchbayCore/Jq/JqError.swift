/// A jq program that does not compile, or that failed while running.
///
/// `message` is jq's own text (e.g. `syntax error, unexpected '|' … at <top-level>, line 1:`
/// or `Cannot index number with string "a"`), without jq's `jq: error:` prefix.
public struct JqError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension JqError {
    /// The evaluation was stopped because its task was cancelled (the node then ends cancelled).
    static let cancelled = JqError("cancelled while the jq program was running")
}
