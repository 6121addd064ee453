import Foundation

/// What differs between the two APIs the fault server speaks: body shapes, stream events and
/// error shapes. One value per request (it carries the id, model and stream options).
protocol Dialect: Sendable {
    /// The non-streaming answer.
    func response(_ plan: ReplyPlan) -> String
    /// Events before the first delta.
    func streamStart(_ plan: ReplyPlan) -> [SSEEvent]
    func streamDelta(_ token: String) -> SSEEvent
    /// Events after the last delta, through the terminator.
    func streamEnd(_ plan: ReplyPlan) -> [SSEEvent]
    /// A whole stream of `data:` lines that are not JSON, then a proper terminator, so a client
    /// has to notice the garbage itself rather than a missing end.
    func garbageStream() -> [SSEEvent]
    static func errorBody(status: Int, message: String) -> String
}

extension Dialect {
    /// A delta event whose JSON stops halfway.
    func malformedDelta() -> SSEEvent {
        var event = streamDelta("this delta is cut short")
        event.data = String(event.data.prefix(event.data.count / 2))
        return event
    }
}

/// Compact JSON with stable key order; `NSNull()` for null.
func jsonText(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}
