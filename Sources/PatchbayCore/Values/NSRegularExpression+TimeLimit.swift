import Foundation

/// A regex search that gave up: the pattern backtracks so much that the search would run for
/// minutes or hours (`(.*a){25}$` took 27 s on 46 characters), or its task was cancelled.
public struct RegexTimeLimitError: Error, Sendable, CustomStringConvertible {
    public var pattern: String
    public var characters: Int
    public var limit: Duration
    public var cancelled: Bool

    public var description: String {
        if cancelled { return "the search for /\(pattern)/ was cancelled" }
        return
            "/\(pattern)/ took more than \(limit) on \(characters) characters and was stopped: it backtracks too much (nested or repeated `.*`, `(a+)+`); make it more specific"
    }
}

extension NSRegularExpression {
    /// How long one search may take. Patterns come from graph and cases files, text from models.
    public static let timeLimit: Duration = .seconds(10)

    /// Whether `text` holds a match. ICU reports progress while it backtracks, so the search
    /// stops at `limit`, or as soon as the calling task is cancelled.
    public func hasMatch(in text: String, limit: Duration = timeLimit) throws(RegexTimeLimitError) -> Bool {
        let deadline = ContinuousClock.now + limit
        var found = false
        var gaveUp: Bool?
        enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) {
            result, _, stop in
            if result != nil {
                found = true
                stop.pointee = true
            } else if Task.isCancelled || ContinuousClock.now >= deadline {
                gaveUp = Task.isCancelled
                stop.pointee = true
            }
        }
        if let cancelled = gaveUp, !found {
            throw RegexTimeLimitError(pattern: pattern, characters: text.count, limit: limit, cancelled: cancelled)
        }
        return found
    }
}
