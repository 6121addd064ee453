import Foundation
import PatchbayEval
import PatchbayStore

extension EvalRecord {
    /// The stored form of a finished eval: the first graph's headline figures and the whole
    /// report as JSON. Here because both front ends save evals, and this module sees both.
    public init(_ report: EvalReport, graphPath: String, variants: [String] = []) {
        let summary = report.summary()
        self.init(
            id: report.evalID, graphPath: graphPath, variants: variants, cases: report.caseIDs.count,
            repeats: report.repeats,
            samples: summary.samples, passed: summary.passed, passRate: summary.passRate, lower: summary.low,
            upper: summary.high,
            startedAt: report.startedAt, finishedAt: report.finishedAt,
            report: String(decoding: (try? report.jsonData()) ?? Data(), as: UTF8.self))
    }
}
