import PatchbayCore
import PatchbayPresentation
import PatchbayStore
import Testing

@Suite struct NodeStatusSymbolTests {
    @Test func everyStatusHasItsOwnUnicodeGlyph() {
        let glyphs = NodeStatus.allCases.map(\.symbol.unicode)
        #expect(Set(glyphs).count == NodeStatus.allCases.count, "\(glyphs)")
    }

    @Test func everyStatusHasItsOwnASCIIGlyph() {
        let glyphs = NodeStatus.allCases.map(\.symbol.ascii)
        #expect(Set(glyphs).count == NodeStatus.allCases.count, "\(glyphs)")
        #expect(glyphs.allSatisfy { $0.count == 1 && $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(glyphs)")
    }

    @Test func glyphPicksTheSet() {
        #expect(NodeStatus.failed.glyph(ascii: false) == "✗")
        #expect(NodeStatus.failed.glyph(ascii: true) == "x")
    }

    /// The CLI drew skipped `○` and cancelled `⊘`, the workbench idle `○` and skipped `⊘`.
    @Test func idleSkippedAndCancelledNoLongerShareGlyphs() {
        let marks = [NodeStatus.idle, .skipped, .cancelled].map(\.symbol.unicode)
        #expect(marks == ["○", "↷", "⊘"])
    }

    @Test func stepStatusesMapOneToOne() {
        let steps: [Step.Status] = [.succeeded, .cached, .replayed, .skipped, .failed, .cancelled]
        #expect(steps.map(NodeStatus.init) == [.done, .cached, .replayed, .skipped, .failed, .cancelled])
    }

    /// An interrupted run was drawn as paused (`⏸`), which the debugger's pause also is.
    @Test func storedRunStatusesMapOneToOne() {
        let runs: [StoredRunStatus] = [.running, .succeeded, .failed, .cancelled, .interrupted]
        #expect(runs.map(NodeStatus.init) == [.running, .done, .failed, .cancelled, .interrupted])
    }

    @Test func rolesSayWhatTheColourMeans() {
        #expect(NodeStatus.done.role == .ok)
        #expect(NodeStatus.failed.role == .error)
        #expect(NodeStatus.cached.role == NodeStatus.replayed.role)
        #expect(NodeStatus.running.role == .active)
    }
}
