import Foundation
import PatchbayCore
import PatchbayEval

/// How an eval report reads as text: the per-case table, pass rates with their intervals, the
/// verdict between variants, case lists, failures and totals. The CLI prints it (`patchbay eval`,
/// `evals show`); the workbench can draw the same lines. File names, case ids and reasons are
/// user or model text: every one goes through `TerminalText.escape`.
public enum EvalReportText {
    static func clean(_ text: String) -> String { TerminalText.escape(text, keepNewlines: false) }

    static func points(_ x: Double) -> String { String(format: "%+.0f", x * 100) }

    /// `B is better: +18 pts [+4, +31]` or `no clear difference: +3 pts [-9, +15]`.
    public static func verdict(_ c: EvalComparison) -> String {
        let numbers = "\(points(c.difference)) pts [\(points(c.low)), \(points(c.high))]"
        switch c.verdict {
        case .bBetter: return "\(clean(c.b.variant)) is better: \(numbers)"
        case .aBetter: return "\(clean(c.a.variant)) is better: \(numbers)"
        case .noClearDifference: return "no clear difference: \(numbers)"
        }
    }

    /// Under a pass rate when cases ran more than once: Wilson's interval assumes independent
    /// samples, and repeats of one case are not (docs/eval.md, "The report").
    public static func independenceNote(samples: Int) -> String {
        "  interval treats the \(samples) samples as independent; repeats of a case are correlated (see docs/eval.md)"
    }

    /// The same, under a difference of two pass rates.
    public static let differenceNote =
        "  the difference's interval treats samples as independent too; the per-case table shows repeat-to-repeat variation"

    /// The whole text report: per-case table, pass rate(s), comparison, case lists, failures, totals.
    public static func report(_ report: EvalReport, title: String) -> String {
        let names = report.variants.map(\.name)
        let summaries = names.map { report.summary(variant: $0) }
        var lines: [String] = []
        let shard = report.shard.map { " (shard \($0))" } ?? ""
        lines.append(
            "eval \(report.evalID.prefix(8)) · \(clean(title)) · \(report.caseIDs.count) cases × \(report.repeats) repeat\(report.repeats == 1 ? "" : "s")\(shard)"
        )
        lines.append("")

        // Per case, side by side.
        var rows = [["case"] + names.map(clean)]
        for id in report.caseIDs {
            rows.append(
                [clean(id)]
                    + summaries.map { s -> String in
                        guard let t = s.cases.first(where: { $0.id == id }) else { return "-" }
                        return "\(t.passed)/\(t.total)"
                    })
        }
        let table = TextTable(
            alignments: [.left] + names.map { _ in .right }, minimumWidths: [4] + names.map { _ in 5 })
        lines += table.lines(rows)
        lines.append("")

        for s in summaries {
            lines.append("pass rate\(names.count > 1 ? " " + clean(s.variant) : ""): \(PassRateText.rate(s))")
        }
        if report.repeats > 1 { lines.append(independenceNote(samples: summaries.first?.samples ?? 0)) }
        if names.count > 1 {
            for b in names.dropFirst() {
                lines.append(verdict(report.comparison(a: names[0], b: b)))
            }
            if report.repeats > 1 { lines.append(differenceNote) }
        }
        for s in summaries {
            let prefix = names.count > 1 ? "\(clean(s.variant)): " : ""
            lines.append("")
            lines.append("\(prefix)passed every time: \(list(s.alwaysPassing))")
            lines.append(
                "\(prefix)flaky: \(s.flaky.isEmpty ? "none" : s.flaky.map { id in "\(clean(id)) \(tally(s, id))" }.joined(separator: ", "))"
            )
            lines.append("\(prefix)never passed: \(list(s.alwaysFailing))")
            if !s.failuresByCheck.isEmpty {
                lines.append("\(prefix)failures by check:")
                lines += s.failuresByCheck.map { "  \(clean($0.name))  \($0.count)" }
            }
            if !s.failuresByNode.isEmpty {
                lines.append("\(prefix)failures by node:")
                lines += s.failuresByNode.map { "  \(clean($0.name))  \($0.count)" }
            }
            let reasons = firstReasons(report, variant: s.variant, cases: s.alwaysFailing + s.flaky)
            if !reasons.isEmpty {
                lines.append("\(prefix)why:")
                lines += reasons
            }
            lines.append(
                "\(prefix)tokens \(TokenText.compact(s.usage)) · cost \(CostText.compact(s.cost)) · "
                    + "latency \(DurationText.compact(s.latencyTotal)) total, p50 \(DurationText.compact(s.latencyP50)), p95 \(DurationText.compact(s.latencyP95))"
            )
        }
        if !report.complete { lines.append("\nstopped early: \(report.samples.count) samples finished") }
        return lines.joined(separator: "\n")
    }

    private static func list(_ ids: [String]) -> String {
        ids.isEmpty ? "none" : ids.map(clean).joined(separator: ", ")
    }

    private static func tally(_ s: EvalSummary, _ id: String) -> String {
        s.cases.first { $0.id == id }.map { "\($0.passed)/\($0.total)" } ?? ""
    }

    /// One line per failing case: its first failure (check or node, and why).
    private static func firstReasons(_ report: EvalReport, variant: String, cases: [String]) -> [String] {
        cases.prefix(10).compactMap { id in
            guard let sample = report.samples.first(where: { $0.variant == variant && $0.caseID == id && !$0.passed }),
                let failure = sample.failures.first
            else { return nil }
            let place = failure.check ?? failure.node ?? "run"
            let reason = failure.reason.count > 100 ? String(failure.reason.prefix(100)) + "…" : failure.reason
            return "  \(clean(id)): \(clean(place)): \(clean(reason)) (run \(sample.runID.prefix(8)))"
        }
    }
}
