import Foundation
import PatchbayPresentation
import PatchbayStore

@testable import PatchbayCore
@testable import PatchbayTUI

/// Two stored runs of a small text graph to compare: another input text (a word diff), other
/// counts (a key diff), a check that failed in A only, a step only B ran, and a graph edited
/// between them.
enum CompareFixtures {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    static let graphA = """
        patchbay: 1
        title: Words
        nodes:
          text: { kind: input, type: string }
          stats: { kind: jq, jq: '{words: (split(" ") | length)}' }
          short: { kind: check, jq: '.words <= 4' }
          report: { kind: template, template: '{{text}} has {{s.words}} words.' }
        wires:
          - text -> stats
          - stats -> short
          - short.pass -> report.s
          - text -> report.text
        """

    static let graphB = graphA.replacingOccurrences(of: "has {{s.words}} words.", with: "is {{s.words}} words long.")

    static func steps(text: String, words: Int, passed: Bool, report: String?, extra: Bool) -> [Step] {
        var steps = [
            F.step(0, "text", .input, outputs: ["value": .string(text)]),
            F.step(1, "stats", .jq, outputs: ["out": ["words": .number(Double(words)), "lang": "en"]]),
            passed
                ? F.step(2, "short", .check, outputs: ["pass": ["words": .number(Double(words))]])
                : F.step(2, "short", .check, .failed, error: StepError(message: ".words <= 4 is false")),
        ]
        if let report { steps.append(F.step(3, "report", .template, outputs: ["text": .string(report)])) }
        if extra { steps.append(F.step(4, "notes", .template, outputs: ["text": "one note"])) }
        return steps
    }

    static var a: StoredRun {
        StoredRun(
            summary: H.summary(3, status: .failed, minutesAgo: 5, hash: "aaaa1111"),
            inputs: ["text": "One two three four five"], outputs: [:], error: nil, graphText: graphA,
            steps: steps(text: "One two three four five", words: 5, passed: false, report: nil, extra: false))
    }

    static var b: StoredRun {
        StoredRun(
            summary: H.summary(4, minutesAgo: 1, hash: "bbbb2222"),
            inputs: ["text": "One two three four"], outputs: [:], error: nil, graphText: graphB,
            steps: steps(
                text: "One two three four", words: 4, passed: true, report: "One two three four is 4 words long.",
                extra: true))
    }

    /// The same graph and steps but another input text: only the text and its counts differ.
    static var sameGraphB: StoredRun {
        var run = a
        run.summary = H.summary(4, status: .failed, minutesAgo: 1, hash: "aaaa1111")
        run.inputs = ["text": "One two six four five"]
        run.steps = steps(text: "One two six four five", words: 5, passed: false, report: nil, extra: false)
        return run
    }

    static var comparison: RunComparison { RunComparison(RunDiff(a, b)) }

    /// The history layout's state, the two runs listed, the comparison loaded (as `=` leaves it).
    static func compared(width: Int = 120, height: Int = 40) throws -> AppState {
        var state = try H.historyState(width: width, height: height)
        state.runHistory.runs = [b.summary, a.summary]
        F.keys(&state, .char("j"), .char("m"), .char("k"), .char("="))
        _ = AppReducer.reduce(&state, .compare(.report(.loaded(comparison))))
        return state
    }
}
