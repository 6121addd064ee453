import Foundation
import PatchbayCore
import PatchbayEval

/// How an `improve` search reads: every candidate with its dev rate and gain, then the original
/// and the winner on dev and on test. The CLI prints it; `improve --show` reprints it.
public enum ImproveReportText {
    /// `63% [31%, 86%] (5/8)`, or `-` when nothing was measured.
    public static func rate(_ rate: ImproveReport.Rate?) -> String {
        guard let rate, rate.total > 0 else { return "-" }
        let (low, high) = rate.interval
        return
            "\(PassRateText.percent(rate.value)) [\(PassRateText.percent(low)), \(PassRateText.percent(high))] (\(rate.passed)/\(rate.total))"
    }

    /// `+40% [+3%, +70%]`.
    public static func gain(_ candidate: ImproveReport.Candidate) -> String {
        guard let difference = candidate.difference, let low = candidate.low, let high = candidate.high else {
            return "-"
        }
        return "\(signed(difference)) [\(signed(low)), \(signed(high))]"
    }

    static func signed(_ value: Double) -> String {
        let text = PassRateText.percent(value)
        return value > 0 && text != "0%" ? "+" + text : text
    }

    public static func report(_ report: ImproveReport, title: String) -> String {
        var lines = [
            "improve \(title): \(report.trainCases) train, \(report.devCases) dev, \(report.testCases) test cases, \(report.repeats) sample\(report.repeats == 1 ? "" : "s") each"
        ]
        if report.candidates.isEmpty {
            lines.append("no candidate was measured")
        } else {
            let rows =
                [["MOVE", "ON", "DEV PASS", "GAIN [95%]", "CALLS", "COST", "VERDICT"]]
                + report.candidates.map { c in
                    [
                        TerminalText.escape(c.label, keepNewlines: false), c.phase, rate(c.dev), gain(c), "\(c.calls)",
                        CostText.compact(c.cost), (c.accepted ? "✓ " : "✗ ") + c.reason,
                    ]
                }
            lines += TextTable(alignments: [.left, .left, .left, .left, .right, .right, .left]).lines(rows)
        }
        lines.append("")
        lines += TextTable().lines([
            ["", "DEV", "TEST"],
            ["original", rate(report.baselineDev), rate(report.baselineTest)],
            ["improved", rate(report.winnerDev), rate(report.winnerTest)],
        ])
        lines.append(
            report.accepted.isEmpty
                ? "no move was proven better on dev: the graph is unchanged"
                : "moves kept: "
                    + report.accepted.map { TerminalText.escape($0, keepNewlines: false) }.joined(separator: "; "))
        for note in report.notes { lines.append("not tried: " + TerminalText.escape(note, keepNewlines: false)) }
        if let stopped = report.stopped { lines.append("stopped early: \(stopped); the best so far is the winner") }
        let seconds = report.finishedAt.timeIntervalSince(report.startedAt)
        lines.append(
            "\(report.calls) model calls · \(CostText.compact(report.cost)) · \(DurationText.compact(seconds))")
        return lines.joined(separator: "\n")
    }
}
