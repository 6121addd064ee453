import Foundation
import PatchbayCore

extension Expectation.Test {
    /// The value a failure talks about, short enough for one report line.
    static func shown(_ value: JSONValue) -> String {
        let json = value.compactJSON
        return json.count <= 60 ? json : String(json.prefix(57)) + "…"
    }

    /// Nil when `value` satisfies the test; otherwise why not. Judge tests are not handled here
    /// (they call a model: see `Judge`).
    func failure(_ value: JSONValue) -> String? {
        let text = value.plainText
        switch self {
        case .contains(let s):
            return text.contains(s) ? nil : "\(Self.shown(value)) does not contain \(JSONValue.string(s).compactJSON)"
        case .icontains(let s):
            return text.range(of: s, options: .caseInsensitive) != nil
                ? nil : "\(Self.shown(value)) does not contain \(JSONValue.string(s).compactJSON) (ignoring case)"
        case .regex(let pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                return "regex /\(pattern)/ does not compile"
            }
            do { return try regex.hasMatch(in: text) ? nil : "\(Self.shown(value)) does not match /\(pattern)/" } catch
            { return error.description }
        case .equals(let expected):
            if value == expected { return nil }
            if let s = expected.stringValue,
                s.trimmingCharacters(in: .whitespacesAndNewlines)
                    == text.trimmingCharacters(in: .whitespacesAndNewlines)
            {
                return nil
            }
            return "got \(Self.shown(value)), expected \(expected.compactJSON)"
        case .schema(let schema):
            // A model's text answer holding JSON is checked as that JSON.
            let subject = value.stringValue.flatMap { try? JSONValue(parsing: $0, options: .lenient) } ?? value
            return SchemaCheck.validate(subject, against: schema)?.description
        case .jq(let program):
            do {
                return try JqProgram.compile(program).isTrue(value)
                    ? nil : "jq `\(program)` is not true of \(Self.shown(value))"
            } catch {
                return "jq `\(program)` failed: \(error)"
            }
        case .judge:
            return nil
        }
    }
}
