import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// Records what the engine hands a journal, in call order.
private final class ListJournal: RunJournal, @unchecked Sendable {
    enum Entry: Equatable {
        case started(String, RunOrigin)
        case step(String, String)
        case finished(String, RunResult.Status)
    }
    private let lock = NSLock()
    private var list: [Entry] = []
    var entries: [Entry] { lock.withLock { list } }

    func runStarted(_ run: JournalRun) { lock.withLock { list.append(.started(run.runID, run.origin)) } }
    func stepsFinished(_ steps: [Step], runID: String) {
        lock.withLock { list += steps.map { .step(runID, $0.path.description) } }
    }
    func runFinished(_ result: RunResult) { lock.withLock { list.append(.finished(result.runID, result.status)) } }
}

@Suite struct JournalTests {
    @Test func everyStepReachesTheJournalInTraceOrderBetweenStartAndFinish() async throws {
        let double = graph(
            [node("item", .input), node("twice", .jq, ["jq": ". * 2"]), node("result", .output)],
            ["item -> twice", "twice -> result"])
        let g = graph(
            [node("xs", .input), node("each", .map, ["graph": "double", "concurrency": 3]), node("out", .output)],
            ["xs -> each.items", "each.results -> out"])
        let journal = ListJournal()
        let plan = try ExecutionPlan.build(g, path: "j.graph.yaml", resolver: MemoryResolver(["double": double]))
        var options = RunOptions()
        options.origin = RunOrigin(kind: .eval, evalID: "e1", caseID: "c7")
        let result = try await Engine(environment: EngineEnvironment(journal: journal)).run(
            plan, inputs: ["xs": .array((0..<20).map { .number(Double($0)) })], options: options)

        let id = result.runID
        #expect(journal.entries.first == .started(id, options.origin))
        #expect(journal.entries.last == .finished(id, .succeeded))
        #expect(Array(journal.entries.dropFirst().dropLast()) == result.steps.map { .step(id, $0.path.description) })
        #expect(result.steps.count == 63)
    }

    @Test func stepPathsReadBackFromTheirDescription() {
        for text in ["a", "review/refine[2]/critique", "each[10]/x", "a[b]"] {
            #expect(StepPath(parsing: text).description == text)
        }
        #expect(StepPath(parsing: "each[3]/x").components.first?.index == 3)
    }
}
