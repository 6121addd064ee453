import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The conversation view and the trace of a tool loop, as the terminal shows them.
@Suite struct ConversationSnapshotTests {
    typealias F = ConversationFixtures

    @Test func inspectorConversation() {
        let conversation = Conversation.build(owner: StepPath(node: "agent"), steps: F.run, nodeStep: F.node)
        let content = InspectorContent.forStep(F.node, node: F.agent, conversation: conversation)
        // The first call open, the second closed: both forms in one picture.
        let state = InspectorState(openCalls: [Conversation.callID("conversation", turn: 0, call: 0)])
        for (width, height) in [(80, 24), (120, 40)] {
            var buffer = CellBuffer(width: width, height: height)
            InspectorView.draw(
                content, state: state, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, focused: false)
            Snapshot.expect(buffer, named: "conversation-inspector-\(width)x\(height)")
        }
    }

    @Test func inspectorPausedBeforeACall() {
        let running: [StepPath: Date] = [StepPath(node: "agent"): F.start]
        let conversation = Conversation.build(
            owner: StepPath(node: "agent"), steps: [F.run[0], F.turn0], running: running, pause: F.pause)
        let content = InspectorContent.forNode(
            F.agent, step: nil, streamingText: "Let me check.", diagnostics: [], pendingInputs: nil,
            conversation: conversation)
        var buffer = CellBuffer(width: 80, height: 24)
        InspectorView.draw(
            content, state: InspectorState(), in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode,
            focused: false)
        Snapshot.expect(buffer, named: "conversation-paused-80x24")
    }

    /// The debug layout paused before a call: the graph shows the node paused, the trace its
    /// turn nested below it and the node running, the inspector the call open, the status line
    /// the keys for it.
    @Test(arguments: [(80, 24), (120, 40)])
    func screenPausedBeforeACall(width: Int, height: Int) throws {
        var state = try ToolCallReducerTests.pausedStore().state
        state.layoutName = "debug"
        state.width = width
        state.height = height
        Snapshot.expect(Screen().render(state), named: "conversation-screen-paused-\(width)x\(height)")
    }

    @Test func nestedTrace() {
        let rows = F.run.map(TraceRow.init)
        for (width, height) in [(80, 24), (120, 40)] {
            var buffer = CellBuffer(width: width, height: height)
            TraceView.draw(
                rows, selection: 2, scroll: 0, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode,
                focused: true, now: F.start, spinnerFrame: 0)
            Snapshot.expect(buffer, named: "conversation-trace-\(width)x\(height)")
        }
    }
}
