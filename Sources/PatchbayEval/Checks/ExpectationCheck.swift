import Foundation
import PatchbayCore

extension Expectation.Test {
    /// Nil when `value` satisfies the test; otherwise why not. Judge tests are not handled here
    /// (they call a model: see `Judge`).
    /// The value a failure talks about, short enough for one report line.
    static func shown(_ value: JSONValue) -> String {
        let json = value.compactJSON
        return json.count <= 60 ? json : String(json.prefix(57)) + "…"
    }

    func failure(_ value: JSONValue) -> String? {
        let text = value.plainText
        switch self {
        case .contains(let s):
            return text.contains(s) ? nil : "\(Self.shown(value)) does not contain \(JSONValue.string(s).compactJSON)"
        case .icontains(let s):
            return text.range(of: s, options: .caseInsensitive) != nil ? nil : "\(Self.shown(value)) does not contain \(JSONValue.string(s).compactJSON) (ignoring case)"
        case .regex(let pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "regex /\(pattern)/ does not compile" }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil ? nil : "\(Self.shown(value)) does not match /\(pattern)/"
        case .equals(let expected):
            if value == expected { return nil }
            if let s = expected.stringValue, s.trimmingCharacters(in: .whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines) {
                return nil
            }
            return "got \(Self.shown(value)), expected \(expected.compactJSON)"
        case .schema(let schema):
            // A model's text answer holding JSON is checked as that JSON.
            let subject = value.stringValue.flatMap { try? JSONValue(parsing: $0) } ?? value
            return SchemaCheck.validate(subject, against: schema)?.description
        case .jq(let program):
            do {
                return try JqProgram.compile(program).isTrue(value) ? nil : "jq `\(program)` is not true of \(Self.shown(value))"
            } catch {
                return "jq `\(program)` failed: \(error)"
            }
        case .judge:
            return nil
        }
    }
}

/// Asks a model whether an output meets a rubric, in completion mode with a few-shot prompt
/// (small base models follow that far better than an instruction).
struct Judge {
    let models: any ModelProvider

    struct Verdict {
        var passed: Bool
        var reason: String?
        var usage: TokenUsage
        var cost: Double
    }

    static func prompt(rubric: String, answer: String) -> String {
        """
        Grade each answer against its rubric. Answer PASS or FAIL.

        Rubric: The answer names a colour.
        Answer: The sky is blue.
        Verdict: PASS

        Rubric: The answer is a greeting.
        Answer: 42
        Verdict: FAIL

        Rubric: \(rubric)
        Answer: \(answer)
        Verdict:
        """
    }

    /// The first PASS or FAIL word of the judge's text, ignoring case; nil for anything else.
    static func parse(_ text: String) -> Bool? {
        for word in text.split(whereSeparator: { !$0.isLetter }) {
            switch word.uppercased() {
            case "PASS": return true
            case "FAIL": return false
            default: continue
            }
        }
        return nil
    }

    func grade(rubric: String, answer: String, alias: String) async -> Verdict {
        do {
            let model = try models.resolve(alias: alias)
            let request = ModelRequest(
                mode: .complete, prompt: Self.prompt(rubric: rubric, answer: answer), temperature: 0, maxTokens: 8, stop: ["\n"])
            let response = try await models.complete(request, model: model, onToken: { _ in })
            let cost = response.cost ?? 0
            switch Self.parse(response.text) {
            case true?: return Verdict(passed: true, usage: response.usage, cost: cost)
            case false?: return Verdict(passed: false, reason: "the judge said FAIL (\(rubric))", usage: response.usage, cost: cost)
            case nil:
                let said = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
                return Verdict(passed: false, reason: "the judge answered neither PASS nor FAIL: \(JSONValue.string(String(said.prefix(80))).compactJSON)", usage: response.usage, cost: cost)
            }
        } catch {
            return Verdict(passed: false, reason: "the judge (alias `\(alias)`) failed: \(StepError(error).description)", usage: TokenUsage(), cost: 0)
        }
    }
}
