import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayEval

@Suite struct EvalMergeTests {
    static let cases = (1...7).map {
        EvalCase(
            id: "c\($0)", inputs: ["question": .string("q\($0)")],
            expectations: [Expectation(test: .contains($0 % 3 == 0 ? "Q" : "x"))])
    }

    static func run(shard: Shard?) async throws -> EvalReport {
        let models = ScriptedModelProvider.echo()
        let runner = EvalRunner(
            evalID: UUID().uuidString, suite: EvalSuite(cases: cases, hash: "h"),
            variants: [
                EvalVariant(name: "A", plan: try EvalRunnerTests.plan(), graphHash: "ga"),
                EvalVariant(name: "B", plan: try EvalRunnerTests.plan(prompt: "x {{question}}"), graphHash: "gb"),
            ],
            options: EvalOptions(repeats: 2, concurrency: 3, shard: shard),
            environment: EngineEnvironment(models: models))
        return await runner.run()
    }

    /// Everything but timing and the ids runs were given.
    static func comparable(_ r: EvalReport) -> [String] {
        r.samples.map {
            "\($0.variant) \($0.caseID) \($0.sample) \($0.passed) \($0.failures.map(\.reason)) \($0.usage) \($0.cost) \($0.outputPreview ?? "")"
        }
    }

    @Test func shardsSplitByCaseIndex() {
        let shard = Shard(parsing: "2/3")
        #expect(shard == Shard(index: 2, count: 3))
        #expect((0..<7).filter { shard!.contains(caseIndex: $0) } == [1, 4])
        #expect(Shard(parsing: "0/2") == nil && Shard(parsing: "3/2") == nil && Shard(parsing: "x") == nil)
    }

    @Test func mergedShardsEqualOneUnshardedRun() async throws {
        let whole = try await Self.run(shard: nil)
        let one = try await Self.run(shard: Shard(index: 1, count: 2))
        let two = try await Self.run(shard: Shard(index: 2, count: 2))
        #expect(one.caseIDs == ["c1", "c3", "c5", "c7"] && two.caseIDs == ["c2", "c4", "c6"])
        // Through their JSON files, as `eval merge` reads them.
        let merged = try EvalMerge.merge([try EvalReport.decode(two.jsonData()), try EvalReport.decode(one.jsonData())])
        #expect(
            merged.caseIDs == whole.caseIDs && merged.shard == nil && merged.repeats == 2
                && merged.variants == whole.variants)
        #expect(Self.comparable(merged) == Self.comparable(whole))
        for v in ["A", "B"] {
            let (m, w) = (merged.summary(variant: v), whole.summary(variant: v))
            #expect(
                m.cases == w.cases && m.passed == w.passed && m.low == w.low && m.failuresByCheck == w.failuresByCheck
                    && m.usage == w.usage)
        }
        #expect(merged.comparison(a: "A", b: "B").difference == whole.comparison(a: "A", b: "B").difference)
    }

    @Test func mergeRefusesMismatchedShards() async throws {
        let one = try await Self.run(shard: Shard(index: 1, count: 2))
        let two = try await Self.run(shard: Shard(index: 2, count: 2))
        func message(_ reports: [EvalReport]) -> String {
            do {
                _ = try EvalMerge.merge(reports)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message([one]).contains("missing shard 2/2"))
        #expect(message([one, one, two]).contains("shard 1/2 is given twice"))
        var other = two
        other.suiteHash = "other"
        #expect(message([one, other]).contains("another cases file"))
        other = two
        other.repeats = 3
        #expect(message([one, other]).contains("--repeat"))
        other = two
        other.variants[1].graphHash = "changed"
        #expect(message([one, other]).contains("other graphs"))
        #expect(message([]).contains("no reports"))
    }

    @Test func reportJSONRoundTrips() async throws {
        let report = try await Self.run(shard: nil)
        let back = try EvalReport.decode(report.jsonData())
        #expect(back.samples == report.samples && back.caseIDs == report.caseIDs && back.variants == report.variants)
        #expect(abs(back.startedAt.timeIntervalSince(report.startedAt)) < 1)
    }
}
