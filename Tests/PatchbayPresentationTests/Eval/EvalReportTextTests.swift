import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import Testing

@Suite struct EvalReportTextTests {
    /// Three cases, three samples each, one variant: always, flaky, never. The flaky case's id is
    /// wide (two columns a character), so the per-case table must pad by display width.
    static func report() -> EvalReport {
        func sample(_ caseID: String, _ index: Int, passed: Bool) -> SampleResult {
            SampleResult(
                variant: "gate", caseID: caseID, sample: index, runID: "run-\(caseID)-\(index)", passed: passed,
                runStatus: .succeeded,
                failures: passed
                    ? []
                    : [CheckFailure(source: .checkNode, check: "short", node: "short", reason: ".n <= 5 is false")],
                duration: 0.42, usage: TokenUsage(inputTokens: 10, outputTokens: 2), cost: 0, outputPreview: nil)
        }
        let samples =
            (0..<3).map { sample("tiny", $0, passed: true) } + (0..<3).map { sample("日本", $0, passed: $0 != 1) }
            + (0..<3).map { sample("long", $0, passed: false) }
        let start = Date(timeIntervalSinceReferenceDate: 0)
        return EvalReport(
            evalID: "e1e2e3e4e5", startedAt: start, finishedAt: start.addingTimeInterval(2.5), suiteHash: "s",
            variants: [.init(name: "gate", graphHash: "h")], repeats: 3, shard: nil,
            caseIDs: ["tiny", "日本", "long"], samples: samples)
    }

    @Test func reportReadsTableRateListsAndTotals() {
        let lines = EvalReportText.report(Self.report(), title: "gate.yaml").components(separatedBy: "\n")
        #expect(lines[0] == "eval e1e2e3e4 · gate.yaml · 3 cases × 3 repeats")
        #expect(Array(lines[2...5]) == ["case   gate", "tiny    3/3", "日本    2/3", "long    0/3"])
        let text = lines.joined(separator: "\n")
        #expect(text.contains("flaky: 日本 2/3"))
        #expect(text.contains("never passed: long"))
        #expect(text.contains("tokens 90→18 · cost - · latency 3.7s total, p50 420ms, p95 420ms"))
        #expect(text.contains(EvalReportText.independenceNote(samples: 9)))
    }
}
