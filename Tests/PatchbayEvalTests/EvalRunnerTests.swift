import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayEval

/// Writes down the runs an eval starts (the store's journal does the same, in SQLite).
final class RecordingJournal: RunJournal, @unchecked Sendable {
    private let lock = NSLock()
    private var _runs: [JournalRun] = []
    var runs: [JournalRun] { lock.withLock { _runs } }
    func runStarted(_ run: JournalRun) { lock.withLock { _runs.append(run) } }
    func stepsFinished(_ steps: [Step], runID: String) {}
    func runFinished(_ result: RunResult) {}
}

/// Counts answers per question, so a "flaky" case can alternate whatever order samples run in.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func next(_ key: String) -> Int {
        lock.withLock {
            defer { counts[key, default: 0] += 1 }
            return counts[key, default: 0]
        }
    }
}

@Suite struct EvalRunnerTests {
    /// question → ask (llm) → answer, optionally through a top-level check node.
    static func plan(prompt: String = "{{question}}", gate: String? = nil) throws -> ExecutionPlan {
        var nodes = [
            node("question", .input, ["type": "string"]),
            node("ask", .llm, ["model": "default", "prompt": .string(prompt)]),
            node("answer", .output),
        ]
        var wires = ["question -> ask.question"]
        if let gate {
            nodes.append(node("gate", .check, ["contains": .string(gate)]))
            wires += ["ask.text -> gate.value", "gate.pass -> answer"]
        } else {
            wires.append("ask.text -> answer")
        }
        return try ExecutionPlan.build(graph(nodes, wires), path: "test.graph.yaml", resolver: MemoryResolver([:]))
    }

    static func suite(_ cases: [EvalCase], checks: [Expectation] = []) -> EvalSuite {
        EvalSuite(cases: cases, checks: checks, hash: "suite-hash")
    }

    static func answering(_ counter: Counter = Counter()) -> ScriptedModelProvider {
        ScriptedModelProvider(aliases: ["default", "judge"]) { request in
            let question = request.messages.last?.content ?? request.prompt
            switch question {
            case "boom": throw ModelError("the model fell over")
            case "flaky": return counter.next(question) % 2 == 0 ? "Paris" : "Lyon"
            case let q where q.hasPrefix("Better: "): return "Paris"
            default: return "Paris"
            }
        }
    }

    static let cases = [
        EvalCase(id: "right", inputs: ["question": "capital"], expectations: [Expectation(test: .contains("Paris"))]),
        EvalCase(
            id: "wrong", inputs: ["question": "other"],
            expectations: [Expectation(name: "says Rome", test: .contains("Rome"))]),
        EvalCase(id: "flaky", inputs: ["question": "flaky"], expectations: [Expectation(test: .equals("Paris"))]),
        EvalCase(id: "boom", inputs: ["question": "boom"], expectations: [Expectation(test: .contains("Paris"))]),
    ]

    @Test func passFailTalliesAndAttribution() async throws {
        let models = Self.answering()
        let journal = RecordingJournal()
        let runner = EvalRunner(
            evalID: "e1", suite: Self.suite(Self.cases),
            variants: [EvalVariant(name: "A", plan: try Self.plan(), graphHash: "g")],
            options: EvalOptions(repeats: 4, concurrency: 3),
            environment: EngineEnvironment(models: models, journal: journal))
        let seen = Counter()
        let report = await runner.run { _ in _ = seen.next("progress") }

        #expect(report.samples.count == 16 && report.complete)
        #expect(seen.next("progress") == 16)
        #expect(
            report.samples.map { "\($0.caseID)#\($0.sample)" }
                == Self.cases.flatMap { c in (0..<4).map { "\(c.id)#\($0)" } })
        #expect(models.calls == 16, "every repeat is a real sample: its own cache key")
        #expect(models.maxInFlight <= 3)

        let s = report.summary()
        #expect(s.samples == 16 && s.passed == 6)
        #expect(
            s.cases.map { "\($0.id) \($0.passed)/\($0.total)" } == ["right 4/4", "wrong 0/4", "flaky 2/4", "boom 0/4"])
        #expect(s.alwaysPassing == ["right"] && s.flaky == ["flaky"] && s.alwaysFailing == ["wrong", "boom"])
        #expect(s.failuresByCheck.map { "\($0.name)=\($0.count)" } == ["says Rome=4", "equals \"Paris\"=2"])
        // boom's run failures and the expectation failures of wrong and flaky: all `ask`'s, the
        // node wired into the checked output.
        #expect(s.failuresByNode.map { "\($0.name)=\($0.count)" } == ["ask=10"])
        let wrong = try #require(report.samples.first { $0.caseID == "wrong" })
        #expect(
            wrong.failures == [
                CheckFailure(
                    source: .expectation, check: "says Rome", node: "ask", output: "answer",
                    reason: "\"Paris\" does not contain \"Rome\"")
            ])
        let (low, high) = EvalStats.wilson(passed: 6, total: 16)
        #expect(s.passRate == 6.0 / 16 && s.low == low && s.high == high)
        // ScriptedModelProvider: 10 input tokens and $0.001 a call; the failed calls cost nothing.
        #expect(s.usage.inputTokens == 120 && abs(s.cost - 0.012) < 1e-9)

        let boom = try #require(report.samples.first { $0.caseID == "boom" })
        #expect(
            boom.runStatus == .failed && boom.failures.map(\.source) == [.run]
                && boom.failures[0].reason.contains("fell over"))
        #expect(report.samples.first { $0.caseID == "wrong" }?.outputPreview == "Paris")

        let origins = journal.runs.map {
            "\($0.origin.kind.rawValue) \($0.origin.evalID ?? "-") \($0.origin.caseID ?? "-") \($0.sampleIndex)"
        }
        #expect(Set(origins) == Set(Self.cases.flatMap { c in (0..<4).map { "eval e1 \(c.id) \($0)" } }))
        #expect(Set(report.samples.map(\.runID)) == Set(journal.runs.map(\.runID)))
    }

    @Test func failingTopLevelCheckNodeFailsTheSampleOnce() async throws {
        let cases = [
            EvalCase(
                id: "gated", inputs: ["question": "capital"], expectations: [Expectation(test: .contains("Paris"))])
        ]
        let runner = EvalRunner(
            evalID: "e2", suite: Self.suite(cases),
            variants: [EvalVariant(name: "A", plan: try Self.plan(gate: "Rome"), graphHash: "g")],
            options: EvalOptions(), environment: EngineEnvironment(models: Self.answering()))
        let report = await runner.run()
        let sample = try #require(report.samples.first)
        #expect(!sample.passed && sample.runStatus == .succeeded)
        // The missing output is the check's doing: one failure, not two.
        #expect(
            sample.failures == [
                CheckFailure(source: .checkNode, check: "gate", node: "gate", reason: "does not contain \"Rome\"")
            ])
        #expect(report.summary().failuresByNode.map(\.name) == ["gate"])
    }

    @Test func suiteChecksApplyToEveryCase() async throws {
        let cases = [EvalCase(id: "a", inputs: ["question": "x"]), EvalCase(id: "b", inputs: ["question": "y"])]
        let runner = EvalRunner(
            evalID: "e3", suite: Self.suite(cases, checks: [Expectation(name: "short", test: .jq("length < 3"))]),
            variants: [EvalVariant(name: "A", plan: try Self.plan(), graphHash: "g")], options: EvalOptions(),
            environment: EngineEnvironment(models: Self.answering()))
        let s = await runner.run().summary()
        #expect(s.passed == 0 && s.failuresByCheck.map { "\($0.name)=\($0.count)" } == ["short=2"])
    }

    @Test func judgeVerdicts() async throws {
        let judge = ScriptedModelProvider(aliases: ["default", "judge"]) { request in
            guard request.mode == .complete else { return "Paris" }
            #expect(request.prompt.hasSuffix("Answer: \"Paris\"\nVerdict:"))
            if request.prompt.contains("Rubric: names a city\n") { return " PASS" }
            if request.prompt.contains("Rubric: names a river\n") { return " fail." }
            return "I am not sure"
        }
        let cases = ["a city", "a river", "anything"].map {
            EvalCase(
                id: $0, inputs: ["question": "q"],
                expectations: [Expectation(test: .judge(rubric: "names \($0)", model: nil))])
        }
        let runner = EvalRunner(
            evalID: "e4", suite: Self.suite(cases),
            variants: [EvalVariant(name: "A", plan: try Self.plan(), graphHash: "g")],
            options: EvalOptions(), environment: EngineEnvironment(models: judge))
        let report = await runner.run()
        #expect(report.samples.map(\.passed) == [true, false, false])
        #expect(report.samples[1].failures.first?.reason.contains("FAIL") == true)
        #expect(report.samples[2].failures.first?.reason.contains("neither PASS nor FAIL: \"I am not sure\"") == true)
        #expect(
            Judge.parse("**Pass**") == true && Judge.parse("Verdict - FAIL") == false && Judge.parse("passable") == nil)
    }

    @Test func variantsSideBySide() async throws {
        // A answers wrongly; B's prompt makes the model answer right.
        let models = ScriptedModelProvider { request in
            (request.messages.last?.content ?? "").hasPrefix("Better: ") ? "Paris" : "Lyon"
        }
        let cases = (1...10).map {
            EvalCase(
                id: "c\($0)", inputs: ["question": .string("q\($0)")],
                expectations: [Expectation(test: .contains("Paris"))])
        }
        let runner = EvalRunner(
            evalID: "e5", suite: Self.suite(cases),
            variants: [
                EvalVariant(name: "A", plan: try Self.plan(), graphHash: "ga"),
                EvalVariant(name: "B", plan: try Self.plan(prompt: "Better: {{question}}"), graphHash: "gb"),
            ],
            options: EvalOptions(repeats: 2, concurrency: 4), environment: EngineEnvironment(models: models))
        let report = await runner.run()
        #expect(report.samples.count == 40 && report.samples.prefix(20).allSatisfy { $0.variant == "A" })
        let comparison = report.comparison(a: "A", b: "B")
        #expect(comparison.a.passed == 0 && comparison.b.passed == 20)
        #expect(comparison.rows.count == 10 && comparison.rows.allSatisfy { $0.a?.passed == 0 && $0.b?.passed == 2 })
        let expected = EvalStats.newcombeDifference(passedA: 0, totalA: 20, passedB: 20, totalB: 20)
        #expect(comparison.difference == 1 && comparison.low == expected.low && comparison.verdict == .bBetter)
        #expect(report.comparison(a: "B", b: "A").verdict == .aBetter)
    }

    @Test func cancellingStopsAndKeepsWhatFinished() async throws {
        let slow = ScriptedModelProvider(delay: .seconds(120)) { _ in "Paris" }
        let runner = EvalRunner(
            evalID: "e6", suite: Self.suite(Self.cases),
            variants: [EvalVariant(name: "A", plan: try Self.plan(), graphHash: "g")],
            options: EvalOptions(repeats: 3, concurrency: 2), environment: EngineEnvironment(models: slow))
        let task = Task { await runner.run() }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let report = await task.value
        #expect(!report.complete && report.samples.isEmpty)
        #expect(slow.calls <= 2)
    }

    @Test func aSecondEvalReusesCachedSamplesUnlessFresh() async throws {
        let models = Self.answering()
        let cache = MemoryStepCache()
        let cases = Array(Self.cases.prefix(3))
        func run(_ id: String, fresh: Bool) async throws -> EvalReport {
            let runner = EvalRunner(
                evalID: id, suite: Self.suite(cases),
                variants: [EvalVariant(name: "A", plan: try Self.plan(), graphHash: "g")],
                options: EvalOptions(repeats: 2, fresh: fresh),
                environment: EngineEnvironment(models: models, cache: cache))
            return await runner.run()
        }
        _ = try await run("first", fresh: false)
        #expect(models.calls == 6)
        let again = try await run("second", fresh: false)
        #expect(models.calls == 6, "the same samples, from the cache")
        #expect(again.samples.count == 6)
        let fresh = try await run("third", fresh: true)
        #expect(models.calls == 12, "--fresh: one new call per sample")
        #expect(fresh.samples.count == 6)
    }
}
