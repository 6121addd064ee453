import Foundation
import PatchbayCore

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
    /// The error event a stream carries after its 200 status, and what ends the stream after it.
    func streamError(message: String) -> [SSEEvent]
}

extension Dialect {
    /// A delta event whose JSON stops halfway.
    func malformedDelta() -> SSEEvent {
        var event = streamDelta("this delta is cut short")
        event.data = String(event.data.prefix(event.data.count / 2))
        return event
    }
}

/// Compact JSON with keys in plain `String` order; `NSNull()` for null. Goes through
/// `JSONValue.compactJSON` (integers without `.0`), not `JSONSerialization`, whose sorted keys
/// use ICU collation and cost a quarter of the CPU of a benchmark's model calls.
func jsonText(_ value: Any) -> String {
    jsonValue(value).compactJSON
}

/// The dialects build bodies from strings, integers, booleans, `NSNull`, `JSONValue`, and arrays
/// and dictionaries of those.
private func jsonValue(_ value: Any) -> JSONValue {
    switch value {
    case let text as String: .string(text)
    case let flag as Bool: .bool(flag)
    case let number as Int: .number(Double(number))
    case let number as Double: .number(number)
    case let object as [String: Any]: .object(object.mapValues(jsonValue))
    case let array as [Any]: .array(array.map(jsonValue))
    case is NSNull: .null
    case let json as JSONValue: json
    default: preconditionFailure("jsonText: no JSON for a \(type(of: value))")
    }
}
