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

extension EvalRecord {
    /// The stored form of an `improve` search: the winner's test figures as the headline (its
    /// dev figures when it never reached test), listed with the variant `improved`, and the
    /// whole report as JSON under `improve`.
    public init(_ report: ImproveReport, graphPath: String) {
        let rate = report.winnerTest ?? report.winnerDev
        let (low, high) = rate.interval
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(["improve": report])) ?? Data()
        self.init(
            id: report.id, graphPath: graphPath, variants: ["improved"], cases: report.testCases,
            repeats: report.repeats, samples: rate.total, passed: rate.passed, passRate: rate.value, lower: low,
            upper: high, startedAt: report.startedAt, finishedAt: report.finishedAt,
            report: String(decoding: json, as: UTF8.self))
    }

    /// The `improve` search this record holds, if it holds one.
    public var improveReport: ImproveReport? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode([String: ImproveReport].self, from: Data(report.utf8))["improve"]
    }
}
