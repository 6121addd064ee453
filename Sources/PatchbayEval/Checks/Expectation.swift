import Foundation
import PatchbayCore

/// One thing a case's output must satisfy: a text test, a JSON test, or a model's verdict.
public struct Expectation: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case contains(String)
        case icontains(String)
        case regex(String)
        /// Equal as JSON; a text expectation compares with the output's text, both trimmed.
        case equals(JSONValue)
        case schema(JSONValue)
        /// A jq predicate: passes when its first result is true.
        case jq(String)
        /// A model grades the output against `rubric`; `model` is an alias (nil: the eval's judge).
        case judge(rubric: String, model: String?)

        /// The key that spells this test in a cases file.
        public var key: String {
            switch self {
            case .contains: "contains"
            case .icontains: "icontains"
            case .regex: "regex"
            case .equals: "equals"
            case .schema: "schema"
            case .jq: "jq"
            case .judge: "judge"
            }
        }

        static let keys = ["contains", "icontains", "regex", "equals", "schema", "jq", "judge"]
    }

    /// A name given in the file; failures are counted under ``label``.
    public var name: String?
    /// The graph output node to check; nil: the only one.
    public var output: String?
    public var test: Test

    public init(name: String? = nil, output: String? = nil, test: Test) {
        self.name = name
        self.output = output
        self.test = test
    }

    /// How failures of this expectation are counted and shown: its name, or the test itself
    /// (`contains "Paris"`, `answer: regex /^[A-Z]/`).
    public var label: String {
        if let name { return name }
        let body: String
        switch test {
        case .contains(let s), .icontains(let s): body = "\(test.key) \(Self.excerpt(JSONValue.string(s).compactJSON))"
        case .regex(let s): body = "regex /\(Self.excerpt(s))/"
        case .equals(let v): body = "equals \(Self.excerpt(v.compactJSON))"
        case .schema: body = "schema"
        case .jq(let s): body = "jq '\(Self.excerpt(s))'"
        case .judge: body = "judge"
        }
        return output.map { "\($0): \(body)" } ?? body
    }

    static func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
