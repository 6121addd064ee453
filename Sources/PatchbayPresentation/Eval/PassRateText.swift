import PatchbayEval

/// How a pass rate and its failures read, the same in the CLI's reports and the workbench's eval pane.
public enum PassRateText {
    /// A rate in 0…1 as a whole percentage: `63%`.
    public static func percent(_ rate: Double) -> String { EvalFormat.percent(rate) }

    /// `63% [31%, 86%] (5/8)`: the rate, its interval and the counts behind it.
    public static func rate(_ summary: EvalSummary) -> String {
        "\(percent(summary.passRate)) [\(percent(summary.low)), \(percent(summary.high))] (\(summary.passed)/\(summary.samples))"
    }

    /// `short_enough 3, report 1, +2 more`, or `none`.
    public static func counts(_ counts: [EvalSummary.Count], limit: Int = 4) -> String {
        guard !counts.isEmpty else { return "none" }
        let shown = counts.prefix(limit).map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        return counts.count > limit ? shown + ", +\(counts.count - limit) more" : shown
    }
}
