import Foundation
import PatchbayPresentation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// A candidate whose move is inside a sub-graph: its diff shows the sub-graph's part, applying
/// it saves the sub-graph's file where it was read (the graph keeps naming it), and one undo
/// puts the file's old text back along with the graph.
@Suite struct ImprovePaneSubgraphTests {
    typealias F = AppFixtures
    typealias I = ImproveFixtures

    static let inner = """
        # The classifier, kept as its own file.
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

    static let outer = """
        patchbay: 1
        nodes:
          review: { kind: input, type: string }
          inner: { kind: graph, graph: lib/inner.graph.yaml }
          label: { kind: output }
        wires:
          - review -> inner.review
          - inner.label -> label

        """

    /// A real search on a real folder: the classifier in `lib/inner.graph.yaml` is right only
    /// with examples; `A` saves the winner's sub-graph over that file, `u` puts its text back
    /// and `C-r` saves it again.
    @Test func theWinnersSubgraphIsSavedInPlaceAndUndoPutsItsTextBack() async throws {
        let folder = try F.tempDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("outer.graph.yaml").path
        let innerPath = folder.appendingPathComponent("lib/inner.graph.yaml").path
        try Self.outer.write(toFile: path, atomically: true, encoding: .utf8)
        try Self.inner.write(toFile: innerPath, atomically: true, encoding: .utf8)
        try ImprovePaneHeadlessTests.cases.write(
            toFile: folder.appendingPathComponent("outer.cases.yaml").path, atomically: true, encoding: .utf8)
        let document = try F.load(path)
        let setup = F.setup(
            document.graph, path: path, fingerprint: document.fingerprint, layoutName: "default",
            environment: EngineEnvironment(models: ImprovePaneHeadlessTests.Model().provider()))
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()
        let original = workbench.state.graph

        await workbench.press(.char(":"))
        await workbench.type("improve outer.cases.yaml moves examples")
        await workbench.press(.enter)
        #expect(
            await workbench.wait { !$0.improve.run.running && !$0.improve.run.starting && $0.improve.report != nil })
        let report = try #require(workbench.state.improve.report)
        #expect(report.accepted.first?.hasPrefix("inner/classify:") == true, "\(report.accepted)")
        #expect(workbench.state.improve.rows.contains { $0.subgraphs["inner"] != nil })

        // D: the graph is the same (it keeps naming lib/inner.graph.yaml); the sub-graph gains examples.
        await workbench.press(.char("D"))
        let diff = try #require(workbench.state.improve.diff)
        let heading = try #require(diff.headings.first)
        #expect(diff.lines[heading] == "sub-graph of `inner`: inner.graph.yaml")
        #expect(diff.lines[(heading + 1)...].contains { $0.hasPrefix("+") && $0.contains("examples") })
        #expect(!diff.lines[..<heading].contains { $0.hasPrefix("+") || $0.hasPrefix("-") }, "\(diff.lines)")
        await workbench.press(.char("D"))

        await workbench.press(.char("A"))
        #expect(await workbench.wait { $0.editing.history.undo.last?.subgraphs.first?.before != nil })
        #expect(workbench.state.graph == original)
        #expect(workbench.state.editing.history.undo.count == 1)
        let saved = try String(contentsOfFile: innerPath, encoding: .utf8)
        #expect(saved.hasPrefix("# The classifier, kept as its own file.\n"), "saved as :w saves: \(saved)")
        #expect(saved.contains("examples:"))
        #expect(
            GraphCodec.encode(try GraphCodec.decode(saved, path: innerPath).graph)
                == report.improvedSubgraphs?["lib/inner.improved.graph.yaml"])
        #expect(workbench.state.message?.text.contains("and save inner.graph.yaml (u undoes it)") == true)

        await workbench.press(.char("u"))
        #expect(await workbench.wait { _ in (try? String(contentsOfFile: innerPath, encoding: .utf8)) == Self.inner })
        #expect(workbench.state.graph == original)
        await workbench.press(.ctrl("r"))
        #expect(await workbench.wait { _ in (try? String(contentsOfFile: innerPath, encoding: .utf8)) == saved })
        await workbench.shutdown()
    }

    /// The reducer side, without files: `a` asks for the save before validation, undo waits for
    /// the text the runner read, and a file that could not be saved leaves nothing to put back.
    @Test func applyAsksForTheSaveAndUndoWaitsForTheTextItReplaced() throws {
        var state = try I.searched()
        let original = state.graph
        let progress = I.subgraphProgress(state)
        let sub = try #require(progress.subgraphs["inner"])
        let changed = sub.changed
        _ = AppReducer.reduce(&state, .improve(.report(.progress(progress))))
        F.keys(&state, .char("G"), .enter)
        #expect(state.improve.diff?.lines.first == "sub-graph of `inner`: inner.graph.yaml")
        #expect(state.improve.diff?.lines.contains { $0.hasPrefix("+") && $0.contains(".n <= 9") } == true)
        F.keys(&state, .enter)

        let file = SubgraphEdit(path: sub.path, graph: changed)
        let effects = F.keys(&state, .char("a"))
        #expect(effects.first == .saveSubgraphs([file]))
        #expect(F.names(effects) == ["saveSubgraphs", "validate"])
        #expect(state.graph == original)
        var store = TestStore(state)
        store.press(.char("u"), says: .warning)
        let read = SubgraphEdit(path: sub.path, graph: changed, before: "old text\n")
        store.send(.editing(.report(.subgraphsSaved([read], failed: nil)))) {
            $0.editing.history.undo[$0.editing.history.undo.count - 1].subgraphs = [read]
        }
        state = store.state
        #expect(F.keys(&state, .char("u")).first == .restoreSubgraphs([read]))
        #expect(F.keys(&state, .ctrl("r")).first == .saveSubgraphs([read]))

        // A save that failed: nothing of it to undo, and the error is shown.
        state = store.state
        _ = F.keys(&state, .char("u"), .char("a"))
        _ = AppReducer.reduce(&state, .editing(.report(.subgraphsSaved([], failed: "cannot save"))))
        #expect(state.editing.history.undo.last?.subgraphs == [])
        #expect(state.message?.level == .error)
    }
}
