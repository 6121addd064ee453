import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation

/// The eval commands' text helpers and the report's JSON form (the text report itself is
/// PatchbayPresentation's `EvalReportText`). File names, case ids and reasons are user or model
/// text: every one goes through `TerminalText.escape`.
enum EvalText {
    static func clean(_ text: String) -> String { TerminalText.escape(text, keepNewlines: false) }

    static func percent(_ x: Double) -> String { PassRateText.percent(x) }

    static func rate(_ s: EvalSummary) -> String { PassRateText.rate(s) }

    /// The report's JSON with each variant's summary and, with variants, the comparisons added
    /// (`eval merge` reads the report part and ignores the rest).
    static func json(_ report: EvalReport) throws -> Data {
        var object = try JSONValue(parsing: String(decoding: report.jsonData(), as: UTF8.self)).objectValue ?? [:]
        let encoder = JSONEncoder()
        func value<T: Encodable>(_ x: T) throws -> JSONValue {
            try JSONValue(parsing: String(decoding: encoder.encode(x), as: UTF8.self))
        }
        object["summaries"] = .array(try report.variants.map { try value(report.summary(variant: $0.name)) })
        if report.variants.count > 1 {
            let a = report.variants[0].name
            object["comparisons"] = .array(
                try report.variants.dropFirst().map { try value(report.comparison(a: a, b: $0.name)) })
        }
        return Data(JSONValue.object(object).prettyJSON.utf8)
    }

    /// `--min-pass`: a fraction from 0 to 1 (`0.8`) or a percentage with `%` (`80%`). A bare
    /// number above 1 is refused: `1.5` could mean 1.5% or a typo for 0.15, so nobody guesses.
    static func threshold(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        let isPercent = t.hasSuffix("%")
        if isPercent { t.removeLast() }
        guard let n = Double(t.trimmingCharacters(in: .whitespaces)), n.isFinite, n >= 0 else { return nil }
        if isPercent { return n <= 100 ? n / 100 : nil }
        return n <= 1 ? n : nil
    }
}
