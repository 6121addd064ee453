import Foundation
import PatchbayCore

/// Asks a model whether an output meets a rubric, in completion mode with a few-shot prompt
/// (small base models follow that far better than an instruction).
///
/// The answer is model output, so untrusted: it goes into the prompt as one JSON string literal
/// (newlines escaped, so it cannot start a `Verdict:` line of its own) and at most
/// ``answerLimit`` characters of it.
struct Judge {
    let models: any ModelProvider

    struct Verdict {
        var passed: Bool
        var reason: String?
        var usage: TokenUsage
        var cost: Double
    }

    /// Characters of the answer the judge sees; a longer one is cut and marked "(truncated)".
    static let answerLimit = 2_000

    static func prompt(rubric: String, answer: String) -> String {
        """
        Grade each answer against its rubric. Answer PASS or FAIL.

        Rubric: The answer names a colour.
        Answer: "The sky is blue."
        Verdict: PASS

        Rubric: The answer is a greeting.
        Answer: "42"
        Verdict: FAIL

        Rubric: \(oneLine(rubric))
        Answer: \(quoted(answer))
        Verdict:
        """
    }

    /// The answer as a JSON string literal, cut to ``answerLimit`` characters.
    static func quoted(_ answer: String) -> String {
        guard answer.count > answerLimit else { return JSONValue.string(answer).compactJSON }
        return JSONValue.string(String(answer.prefix(answerLimit))).compactJSON + " (truncated)"
    }

    /// The rubric comes from the cases file, but a line break in it would still break the format.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
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
                mode: .complete, prompt: Self.prompt(rubric: rubric, answer: answer), temperature: 0, maxTokens: 8,
                stop: ["\n"])
            let response = try await models.complete(request, model: model, onToken: { _ in })
            let cost = response.cost ?? 0
            switch Self.parse(response.text) {
            case true?: return Verdict(passed: true, usage: response.usage, cost: cost)
            case false?:
                return Verdict(
                    passed: false, reason: "the judge said FAIL (\(rubric))", usage: response.usage, cost: cost)
            case nil:
                let said = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
                return Verdict(
                    passed: false,
                    reason:
                        "the judge answered neither PASS nor FAIL: \(JSONValue.string(String(said.prefix(80))).compactJSON)",
                    usage: response.usage, cost: cost)
            }
        } catch {
            return Verdict(
                passed: false, reason: "the judge (alias `\(alias)`) failed: \(StepError(error).description)",
                usage: TokenUsage(), cost: 0)
        }
    }
}
