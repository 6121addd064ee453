import Foundation
import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct InspectorSnapshotTests {
    typealias F = InspectorFixtures

    func inspector(_ content: InspectorContent, _ width: Int, _ height: Int, state: InspectorState = .init())
        -> CellBuffer
    {
        var buffer = CellBuffer(width: width, height: height)
        InspectorView.draw(
            content, state: state, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, focused: true)
        return buffer
    }

    var done: InspectorContent { .forStep(F.doneStep, node: F.critique) }

    @Test func doneStep() {
        Snapshot.expect(inspector(done, 80, 24), named: "inspector-done-80x24")
        Snapshot.expect(inspector(done, 120, 40), named: "inspector-done-120x40")
    }

    @Test func failedStep() {
        let parse = Node(id: "parse", kind: .parseJSON)
        Snapshot.expect(inspector(.forStep(F.failedStep, node: parse), 80, 24), named: "inspector-failed-80x24")
    }

    @Test func streamingNode() {
        let content = InspectorContent.forNode(
            F.critique, step: nil,
            streamingText: "{\"approved\": false,\n \"notes\": [\"too long\", \"say what makes it fresh\u{1b}[2J\"",
            diagnostics: [], pendingInputs: nil)
        Snapshot.expect(inspector(content, 80, 24), named: "inspector-streaming-80x24")
    }

    @Test func foldedAndScrolled() {
        var state = InspectorState(folded: ["config", "outputs.json.meta", "outputs.usage"])
        state.cursor = 9
        let buffer = inspector(done, 80, 24, state: state)
        Snapshot.expect(buffer, named: "inspector-folded-80x24")
        // The cursor line is highlighted when focused.
        #expect(buffer[0, 9].style.reverse)
    }

    @Test func traceRun() {
        for (width, height) in [(80, 24), (120, 40)] {
            var buffer = CellBuffer(width: width, height: height)
            TraceView.draw(
                F.traceRows(), selection: 7, scroll: 0, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode,
                focused: true, now: F.now, spinnerFrame: 0)
            Snapshot.expect(buffer, named: "trace-run-\(width)x\(height)")
        }
    }
}
