import Foundation
import PatchbayPresentation
import PatchbayStore
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// A real `improve` search from the workbench: a classifier on a scripted model that is right
/// only when its prompt holds examples, 24 cases, a real run store. The pane lists what was
/// measured, `A` applies the winner (examples on the llm node) as one edit, and `u` undoes it.
@Suite struct ImprovePaneHeadlessTests {
    typealias F = AppFixtures

    static let graph = """
        patchbay: 1
        nodes:
          review: { kind: input, type: string }
          classify:
            kind: llm
            mode: complete
            prompt: "Review: {{review}}\\nSentiment:"
            temperature: 0
          label: { kind: output }
        wires:
          - review -> classify.review
          - classify.text -> label

        """

    static var cases: String {
        "cases:\n"
            + (0..<24).map { i in
                let positive = i % 2 == 0
                return
                    "  - { id: c\(i), inputs: { review: \(positive ? "good" : "bad") thing \(i) }, expect: { output: label, equals: \(positive ? "positive" : "negative") } }"
            }.joined(separator: "\n") + "\n"
    }

    /// Right with examples in the prompt (a blank line before the review); without, "positive".
    final class Model: Sendable {
        let asked = Mutex(0)

        func provider() -> ScriptedModelProvider {
            ScriptedModelProvider { request in
                self.asked.withLock { $0 += 1 }
                let review =
                    request.prompt.components(separatedBy: "Review: ").last?.components(separatedBy: "\n").first ?? ""
                guard request.prompt.contains("\n\n") else { return " positive" }
                return review.contains("good") ? " positive" : " negative"
            }
        }
    }

    @Test func aSearchFindsExamplesAndTheWinnerIsAppliedAndUndone() async throws {
        let folder = try F.tempDirectory()
        let path = folder.appendingPathComponent("classify.graph.yaml").path
        try Self.graph.write(toFile: path, atomically: true, encoding: .utf8)
        try Self.cases.write(
            toFile: folder.appendingPathComponent("classify.cases.yaml").path, atomically: true, encoding: .utf8)
        let store = try RunStore(path: folder.appendingPathComponent("history.sqlite").path)
        let model = Model()
        var environment = EngineEnvironment(models: model.provider())
        environment.journal = store.journal
        environment.cache = store.cache
        let document = try F.load(path)
        var setup = F.setup(
            document.graph, path: path, fingerprint: document.fingerprint, layoutName: "default",
            environment: environment)
        setup.store = store
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()
        let original = workbench.state.graph

        await workbench.press(.char(":"))
        await workbench.type("improve classify.cases.yaml")
        await workbench.press(.enter)
        #expect(
            await workbench.wait { !$0.improve.run.running && !$0.improve.run.starting && $0.improve.report != nil })
        let state = workbench.state
        #expect(state.layoutName == "improve")
        let report = try #require(state.improve.report)
        #expect(report.baselineDev.value == 0.5, "\(report.baselineDev)")
        #expect(report.accepted.first?.contains("example") == true, "\(report.accepted)")
        #expect(report.winnerTest?.value == 1)
        #expect(report.calls == model.asked.withLock { $0 }, "every model call is counted")
        // Every candidate the search measured is a row, with the graph it measured.
        #expect(state.improve.rows.map(\.candidate) == report.candidates)
        #expect(state.improve.rows.allSatisfy { $0.graph != nil })
        let text = workbench.buffer.text
        #expect(text.contains("original  50%"))
        #expect(text.contains("improved  100%"))
        // The search is stored as `patchbay improve` stores it.
        #expect(try store.eval(report.id).improveReport?.accepted == report.accepted)

        await workbench.press(.char("A"))
        let applied = workbench.state
        #expect(applied.graph != original)
        #expect(applied.graph["classify"]?.fields["examples"] != nil)
        #expect(GraphCodec.encode(applied.graph) == report.improvedGraph)
        #expect(applied.editing.history.undo.count == 1)
        #expect(applied.editing.document.isModified)
        await workbench.press(.char("u"))
        #expect(workbench.state.graph == original)
        #expect(!workbench.state.editing.document.isModified)
        await workbench.shutdown()
    }
}
