import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayEval

/// The eval session both front ends drive: naming, defaults, the run, the save hook, a stop.
@Suite struct EvalSessionTests {
    static func evalGraph(_ path: String?) throws -> EvalSession.Graph {
        EvalSession.Graph(path: path, plan: try EvalRunnerTests.plan(), graphHash: "g-\(path ?? "unsaved")")
    }

    @Test func variantsAreNamedAfterTheirFilesMadeUnique() {
        let names = EvalSession.variantNames([
            "graphs/summarize.graph.yaml", "other/summarize.graph.yml", "my graph.yaml", "plain", nil,
            "x/summarize.json",
        ])
        #expect(names == ["summarize", "summarize#2", "my graph", "plain", "graph", "summarize#3"])
    }

    @Test func whatIsAskedWinsAndTheRestComesFromTheDefaults() throws {
        let defaults = EvalDefaults(repeats: 3, concurrency: 7)
        let suite = EvalRunnerTests.suite(EvalRunnerTests.cases)
        let graphs = [try Self.evalGraph("a.graph.yaml"), try Self.evalGraph("b.graph.yaml")]
        let plain = EvalSession(suite: suite, graphs: graphs, defaults: defaults, environment: EngineEnvironment())
        #expect(plain.options.repeats == 3)
        #expect(plain.options.concurrency == 7)
        #expect(plain.variants.map(\.name) == ["a", "b"])
        #expect(plain.variants.map(\.graphHash) == ["g-a.graph.yaml", "g-b.graph.yaml"])

        let asked = EvalSession(
            suite: suite, graphs: graphs,
            request: EvalRequest(
                repeats: 2, concurrency: 1, shard: Shard(parsing: "2/2"), judgeAlias: "j", fresh: true),
            defaults: defaults, environment: EngineEnvironment())
        #expect(asked.options.repeats == 2)
        #expect(asked.options.concurrency == 1)
        #expect(asked.options.judgeAlias == "j")
        #expect(asked.options.fresh)
        // Shard 2 of 2: the second and fourth case.
        #expect(asked.cases.map(\.id) == ["wrong", "boom"])
    }

    @Test func aRunReportsEachSampleThenSavesTheReportOnce() async throws {
        let models = EvalRunnerTests.answering()
        let journal = RecordingJournal()
        let session = EvalSession(
            id: "s1", suite: EvalRunnerTests.suite(Array(EvalRunnerTests.cases.prefix(2))),
            graphs: [try Self.evalGraph("dir/ask.graph.yaml")], request: EvalRequest(repeats: 2),
            defaults: EvalDefaults(concurrency: 2), environment: EngineEnvironment(models: models, journal: journal))
        let seen = Seen()
        let (report, saved) = await session.run(
            progress: { seen.add($0.done) },
            save: { report in
                seen.add(-1)
                return "saved \(report.evalID) with \(report.samples.count) samples"
            })
        #expect(saved == "saved s1 with 4 samples")
        // Progress after every sample, in order, then the save.
        #expect(seen.values == [1, 2, 3, 4, -1])
        #expect(report.complete)
        #expect(report.variants.map(\.name) == ["ask"])
        #expect(report.summary().passed == 2)
        #expect(journal.runs.count == 4)
        #expect(models.maxInFlight <= 2)
    }

    @Test func aStoppedRunIsStillSavedAsIncomplete() async throws {
        let session = EvalSession(
            suite: EvalRunnerTests.suite(EvalRunnerTests.cases), graphs: [try Self.evalGraph(nil)],
            defaults: .standard, environment: EngineEnvironment(models: EvalRunnerTests.answering()))
        let task = Task {
            // Stopped before the first sample starts: nothing runs, the report still comes back.
            withUnsafeCurrentTask { $0?.cancel() }
            return await session.run { report in report.complete ? "complete" : "partial" }
        }
        let (report, saved) = await task.value
        #expect(saved == "partial")
        #expect(!report.complete)
        #expect(report.samples.isEmpty)
        #expect(report.variants.map(\.name) == ["graph"])
    }

    @Test func theCasesMustFitEveryGraphAndEachMisfitIsNamed() throws {
        let path = try scratchFile(
            "q.cases.yaml", "cases:\n  - { id: one, inputs: { question: capital }, expect: { contains: Paris } }\n")
        let asks = try Self.evalGraph("asks.graph.yaml")
        let other = EvalSession.Graph(
            path: "other.graph.yaml",
            plan: try ExecutionPlan.build(
                graph(
                    [node("text", .input, ["type": "string"]), node("answer", .output)], ["text -> answer"]),
                path: "other.graph.yaml", resolver: MemoryResolver([:])),
            graphHash: "o")
        #expect(try EvalSession.loadSuite(path: path, for: [asks, asks]).cases.map(\.id) == ["one"])
        do {
            _ = try EvalSession.loadSuite(path: path, for: [asks, other])
            Issue.record("expected a mismatch")
        } catch let mismatch as EvalSession.SuiteMismatch {
            #expect(mismatch.problems.map(\.graph) == [1])
            #expect(mismatch.problems.first?.error.description.contains("question") == true)
        }
    }

    @Test func anUnknownJudgeIsRefusedBeforeAnythingRuns() throws {
        let session = EvalSession(
            suite: EvalRunnerTests.suite(EvalRunnerTests.cases), graphs: [try Self.evalGraph("a.graph.yaml")],
            request: EvalRequest(judgeAlias: "jduge"), defaults: .standard,
            environment: EngineEnvironment(models: EvalRunnerTests.answering()))
        let found = problems { try session.checkJudges(configured: ["default", "judge"]) }
        #expect(found.count == 1)
        #expect(found.first?.contains("`jduge`") == true)
    }
}

/// What the callbacks saw, in order.
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var _values: [Int] = []
    var values: [Int] { lock.withLock { _values } }
    func add(_ value: Int) { lock.withLock { _values.append(value) } }
}
