/// A run-limit override that is not `NAME=VALUE` with a known name and a value in range.
public struct RunLimitSpecError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
}

/// A run stopped because it reached one of its `RunLimits`. Not routed by `on_error: route` and
/// not retried: the same work would reach the same limit.
public struct RunLimitError: Error, Sendable, CustomStringConvertible {
    public var limit: RunLimits.Name
    public var message: String
    public var hint: Hint

    /// `needed`: what the work asked for (items, passes), or a suggestion when unknown.
    init(_ limit: RunLimits.Name, _ message: String, needed: Int) {
        self.limit = limit
        self.message = message
        hint = RunLimits.raise(limit, to: needed)
    }

    public var description: String { "\(message)\n  hint: \(hint)" }
}
