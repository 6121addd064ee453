import Foundation
import PatchbayCore
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayEval

/// `improve` on a scripted model that classifies right only when the prompt holds examples:
/// the split, the examples move found from passing train runs and proven on dev, moves that do
/// not help refused, the test cases untouched until the end, and budgets that stop it.
@Suite struct ImproveTests {
    static func cases(_ count: Int) -> [EvalCase] {
        (0..<count).map { i in
            let positive = i % 2 == 0
            return EvalCase(
                id: "c\(i)", inputs: ["review": .string("\(positive ? "good" : "bad") thing \(i)")],
                expectations: [Expectation(test: .equals(.string(positive ? "positive" : "negative")))])
        }
    }

    static let graph = PatchbayTestSupport.graph(
        [
            node("review", .input),
            node(
                "classify", .llm,
                ["mode": "complete", "prompt": "Review: {{review}}\nSentiment:", "temperature": 0]),
            node("label", .output),
        ], ["review -> classify.review", "classify.text -> label"])

    /// Right with examples in the prompt; without, always "positive" (half right). Logs each
    /// review it is asked about with the phase the search said it was in.
    final class Model: @unchecked Sendable {
        let phase = Mutex("")
        let asked = Mutex<[(phase: String, review: String)]>([])

        func provider() -> ScriptedModelProvider {
            ScriptedModelProvider { request in
                let review =
                    request.prompt.components(separatedBy: "Review: ").last?
                    .components(separatedBy: "\n").first ?? ""
                self.asked.withLock { $0.append((self.phase.withLock { $0 }, review)) }
                guard request.prompt.contains("\n\n") else { return " positive" }
                return review.contains("good") ? " positive" : " negative"
            }
        }
    }

    static func session(_ model: ScriptedModelProvider, cases: Int = 24, options: ImproveOptions = ImproveOptions())
        -> ImproveSession
    {
        ImproveSession(
            graph: graph, path: nil, suite: EvalSuite(cases: Self.cases(cases), hash: "h"), options: options,
            environment: EngineEnvironment(models: model), resolver: nil)
    }

    @Test func theSplitIsSeededStratifiedAndKeepsFileOrder() {
        let cases = Self.cases(20)
        let split = CaseSplit.split(cases, shares: (50, 25, 25), seed: 7)
        #expect(split.train.count == 10 && split.dev.count == 5 && split.test.count == 5)
        let all = (split.train + split.dev + split.test).map(\.id)
        #expect(Set(all) == Set(cases.map(\.id)) && all.count == 20, "every case once")
        let positives = { (part: [EvalCase]) in
            part.filter { $0.inputs["review"]?.stringValue?.hasPrefix("good") == true }.count
        }
        #expect(positives(split.train) == 5 && (2...3).contains(positives(split.dev)), "each label in its share")
        #expect(split.dev.map(\.id) == split.dev.map(\.id).sorted { Int($0.dropFirst())! < Int($1.dropFirst())! })
        #expect(CaseSplit.split(cases, seed: 7) == split, "the same seed, the same split")
        #expect(CaseSplit.split(cases, seed: 8) != split)
    }

    @Test func examplesFromPassingTrainRunsAreFoundProvenAndMeasuredOnTestLast() async throws {
        let model = Model()
        let session = Self.session(model.provider())
        let report = await session.run { progress in model.phase.withLock { $0 = progress.phase.rawValue } }

        #expect(report.baselineDev.value == 0.5, "\(report.baselineDev)")
        let examples = report.candidates.filter { $0.kind == "examples" }
        #expect(!examples.isEmpty && examples.allSatisfy { $0.accepted }, "\(report.candidates)")
        #expect(report.accepted.first?.contains("example") == true, "\(report.accepted)")
        #expect(report.winnerDev.value == 1)
        let temperatures = report.candidates.filter { $0.kind == "temperature" }
        #expect(!temperatures.isEmpty && temperatures.allSatisfy { !$0.accepted && $0.reason == "no change" })
        #expect(report.winnerTest?.value == 1 && report.baselineTest?.value == 0.5)
        let improved = try #require(report.improvedGraph)
        #expect(improved.contains("examples:") && improved.contains("output: positive"))
        // Examples come from passing runs only: the model answered "positive" when it passed.
        #expect(!improved.contains("output: negative"))
        #expect(report.notes.contains { $0.contains("voting not tried") })

        // The test cases were asked about in the test phase only.
        let test = Set(session.split.test.compactMap { $0.inputs["review"]?.stringValue })
        let early = model.asked.withLock { $0 }.filter { $0.phase != "test" && test.contains($0.review) }
        #expect(early.isEmpty, "test cases seen before the end: \(early.map(\.review))")
        #expect(model.asked.withLock { $0 }.contains { $0.phase == "test" })
    }

    @Test func aGainWhoseIntervalCrossesZeroIsNotAccepted() {
        let search = ImproveSession.Search(
            session: Self.session(Model().provider()), meter: ModelMeter(UnconfiguredModelProvider()), started: Date())
        let move = ImproveMove(node: "classify", change: .temperature(0.3))
        let small = search.judge(
            move, phase: "single", .init(rate: .init(passed: 6, total: 10), complete: true, calls: 0, cost: 0),
            against: .init(passed: 5, total: 10))
        #expect(!small.accepted && small.reason.hasPrefix("not proven"), "\(small)")
        let large = search.judge(
            move, phase: "single", .init(rate: .init(passed: 40, total: 40), complete: true, calls: 0, cost: 0),
            against: .init(passed: 20, total: 40))
        #expect(large.accepted && (large.low ?? 0) > 0)
    }

    @Test func aCallsBudgetStopsTheSearchWithTheBestSoFar() async throws {
        var options = ImproveOptions()
        options.budget = ImproveBudget(calls: 40)
        let model = Model().provider()
        let report = await Self.session(model, options: options).run()
        #expect(report.stopped?.contains("calls budget (40)") == true, "\(report.stopped ?? "none")")
        #expect(model.calls <= 40, "\(model.calls) calls")
        #expect(report.baselineTest != nil, "room was left for test")
    }

    @Test func aCostBudgetStopsTheSearchWithRoomForTest() async throws {
        var options = ImproveOptions()
        options.budget = ImproveBudget(cost: 0.04)  // the scripted model costs $0.001 a call
        let model = Model().provider()
        let report = await Self.session(model, options: options).run()
        #expect(report.stopped?.contains("cost budget ($0.04)") == true, "\(report.stopped ?? "none")")
        #expect(model.calls <= 40, "\(model.calls) calls")
        #expect(report.baselineTest != nil, "room was left for test")
    }

    @Test func aTimeBudgetStopsTheSearch() async throws {
        var options = ImproveOptions()
        options.budget = ImproveBudget(seconds: 0)
        let report = await Self.session(
            ScriptedModelProvider(delay: .milliseconds(5)) { _ in " positive" }, options: options
        )
        .run()
        #expect(report.stopped?.contains("time budget") == true, "\(report.stopped ?? "none")")
        #expect(report.candidates.isEmpty)
    }

    @Test func cancellingKeepsWhatWasMeasured() async throws {
        let model = ScriptedModelProvider(delay: .milliseconds(20)) { _ in " positive" }
        let session = Self.session(model)
        let task = Task { await session.run() }
        try await Task.sleep(for: .milliseconds(150))
        task.cancel()
        let report = await task.value
        #expect(report.stopped == "stopped (Ctrl-C)", "\(report.stopped ?? "none")")
        #expect(report.winnerTest == nil && report.improvedGraph == nil, "no test run after Ctrl-C")
        #expect(report.calls == model.calls && report.calls > 0)
    }

    @Test func anLLMNodeInASubgraphIsImprovedAndItsFileRenamed() async throws {
        let inner = PatchbayTestSupport.graph(
            [
                node("review", .input),
                node(
                    "classify", .llm,
                    ["mode": "complete", "prompt": "Review: {{review}}\nSentiment:", "temperature": 0]),
                node("label", .output),
            ], ["review -> classify.review", "classify.text -> label"])
        let outer = PatchbayTestSupport.graph(
            [node("review", .input), node("inner", .graph, ["graph": "lib/inner.graph.yaml"]), node("label", .output)],
            ["review -> inner.review", "inner.label -> label"])
        let model = Model()
        let session = ImproveSession(
            graph: outer, path: nil, suite: EvalSuite(cases: Self.cases(24), hash: "h"), options: ImproveOptions(),
            environment: EngineEnvironment(models: model.provider()),
            resolver: MemoryResolver(["lib/inner.graph.yaml": inner]))
        let report = await session.run()
        #expect(report.accepted.first?.hasPrefix("inner/classify:") == true, "\(report.accepted)")
        #expect(report.winnerTest?.value == 1)
        let improved = try #require(report.improvedGraph)
        #expect(improved.contains("graph: lib/inner.improved.graph.yaml"), "\(improved)")
        let file = try #require(report.improvedSubgraphs?["lib/inner.improved.graph.yaml"])
        #expect(file.contains("examples:") && !file.contains("output: negative"))

        // Validated before they are written, the sub-graph seen as the winner names it.
        let files = report.files(beside: "out/outer.improved.graph.yaml")
        #expect(files.map(\.path) == ["out/lib/inner.improved.graph.yaml", "out/outer.improved.graph.yaml"])
        // A trusted graph may name a sub-graph by an absolute path: it is written there, not under out/.
        #expect(
            ImproveReport.path(of: "/srv/lib/x.improved.graph.yaml", beside: "out/a.graph.yaml")
                == "/srv/lib/x.improved.graph.yaml")
        let check = { (files: [(path: String, text: String)]) in
            ImproveReport.problems(
                in: files, trust: .nothing, knownModelAliases: nil, knownToolServers: nil, limits: RunLimits())
        }
        #expect(check(files).isEmpty, "\(check(files))")
        var broken = files
        broken[0].text = file.replacingOccurrences(of: "temperature: 0", with: "temperature: hot")
        let problems = check(broken)
        #expect(
            problems.count == 1 && problems[0].file == "out/lib/inner.improved.graph.yaml"
                && problems[0].node == "classify", "\(problems)")
    }

    @Test func aCandidateThatDoesNotBuildIsReportedAndTheSearchGoesOn() async throws {
        var options = ImproveOptions()
        options.prompts = [PromptTry(node: "classify", text: "Review: {{#review", source: "broken.txt")]
        let report = await Self.session(Model().provider(), options: options).run()
        let broken = try #require(report.candidates.first { $0.kind == "prompt" })
        #expect(!broken.accepted && broken.reason.hasPrefix("not run:") && broken.dev == nil, "\(broken)")
        #expect(report.stopped == nil, "the search went on: \(report.stopped ?? "")")
        #expect(report.candidates.contains { $0.kind == "examples" && $0.accepted })
    }
}
