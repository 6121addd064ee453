import PatchbayCore

/// A store request that cannot be answered: an unknown or ambiguous run, a store that cannot
/// be opened. The message names the run or file; the hint says what to do.
public struct RunStoreError: HintedError, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var hint: Hint?

    public init(_ message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
