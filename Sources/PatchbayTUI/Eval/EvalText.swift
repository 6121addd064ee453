import Foundation
import PatchbayEval

/// Numbers of the eval pane as text.
enum EvalText {
    static func percent(_ x: Double) -> String { EvalFormat.percent(x) }

    /// `63% [31%, 86%] (5/8)`.
    static func rate(_ summary: EvalSummary) -> String {
        "\(percent(summary.passRate)) [\(percent(summary.low)), \(percent(summary.high))] (\(summary.passed)/\(summary.samples))"
    }

    /// `short_enough 3, report 1`.
    static func counts(_ counts: [EvalSummary.Count], limit: Int = 4) -> String {
        guard !counts.isEmpty else { return "none" }
        let shown = counts.prefix(limit).map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        return counts.count > limit ? shown + ", +\(counts.count - limit) more" : shown
    }
}
