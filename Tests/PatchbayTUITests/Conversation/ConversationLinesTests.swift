import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The conversation in the inspector: one line a call until it is opened, opened calls as
/// JSON, and nothing a model wrote reaching the terminal raw.
@Suite struct ConversationLinesTests {
    typealias F = ConversationFixtures

    static var content: InspectorContent {
        .forStep(
            F.node, node: F.agent,
            conversation: Conversation.build(owner: StepPath(node: "agent"), steps: F.run, nodeStep: F.node))
    }

    static func lines(_ state: InspectorState = .init(), width: Int = 80) -> [InspectorLine] {
        InspectorView.lines(content, state: state, width: width, theme: .dark, glyphs: .unicode)
    }

    static let call0 = Conversation.callID("conversation", turn: 0, call: 0)

    @Test func theConversationComesBeforeConfigInputsAndOutputs() {
        #expect(Self.content.sections.map(\.id) == ["conversation", "config", "inputs", "outputs"])
    }

    @Test func aClosedCallIsOneLineWithArgumentsAndResult() throws {
        let text = Self.lines().map(\.text)
        let line = try #require(text.first { $0.contains("get_current_time") })
        #expect(line.hasPrefix(#"  ▸ get_current_time {"timezone":"Asia/Tokyo"} → {"timezone": "Asia/Tokyo""#))
        #expect(line.hasSuffix("…"), "clipped to the width: \(line)")
        #expect(Self.lines().first { $0.text == line }?.width == 80)
        let error = try #require(text.first { $0.contains("get_weather") })
        #expect(error.contains(#"{"city":"Tokyo"} → ✗ There is no tool"#), "\(error)")
        #expect(text.contains { $0.hasPrefix("▾ turn 0  ✓ 1.2s  52→18") })
        #expect(text.contains("▾ system") && text.contains("    Answer briefly."))
    }

    @Test func anOpenCallShowsArgumentsAndResultAsJSON() throws {
        let lines = Self.lines(InspectorState(openCalls: [Self.call0]))
        let start = try #require(lines.firstIndex { $0.text.contains("▾ get_current_time") })
        #expect(lines[start].text.contains("call_1  ✓ 31ms"))
        let body = lines[(start + 1)...].prefix { $0.callID == Self.call0 }.map(\.text)
        #expect(body.first == "    ▾ arguments: {")
        #expect(body.contains(#"        "timezone": "Asia/Tokyo""#))
        #expect(body.contains("    ▾ result: {"))
        #expect(body.contains(#"        "datetime": "2026-12-06T14:02:11+09:00","#))
    }

    @Test func modelTextIsEscaped() {
        for line in Self.lines(InspectorState(openCalls: [Self.call0])) {
            #expect(!line.text.unicodeScalars.contains { VisibleText.isControl($0) }, "\(line.text)")
        }
        #expect(Self.lines().map(\.text).contains(#"    It is 14:02 in Tokyo.\x1b[2J"#))
    }

    @Test func xOpensAndClosesTheCallUnderTheCursorFromAnyOfItsLines() throws {
        var state = InspectorState()
        var lines = Self.lines(state)
        let header = try #require(lines.firstIndex { $0.callID == Self.call0 })
        state.cursor = header
        state.perform(.toggleCall, lines: lines, height: 40)
        #expect(state.openCalls == [Self.call0])
        lines = Self.lines(state)
        // From a line of its JSON, x closes the whole call and the cursor goes back to its first line.
        state.cursor = header + 3
        #expect(lines[state.cursor].callID == Self.call0)
        state.perform(.toggleCall, lines: lines, height: 40)
        #expect(state.openCalls.isEmpty && state.cursor == header)
        #expect(state.folded.isEmpty)
    }

    @Test func foldKeysActOnCallsTooButJSONFoldsStayFolds() throws {
        var state = InspectorState()
        var lines = Self.lines(state)
        state.cursor = try #require(lines.firstIndex { $0.callID == Self.call0 })
        state.perform(.toggleFold, lines: lines, height: 40)
        #expect(state.openCalls == [Self.call0] && state.folded.isEmpty)
        lines = Self.lines(state)
        // Space on the call's `arguments: {` folds that value, not the call.
        state.cursor += 1
        state.perform(.toggleFold, lines: lines, height: 40)
        #expect(state.folded == [Self.call0 + ".arguments"] && state.openCalls == [Self.call0])
        state.perform(.foldAll, lines: Self.lines(state), height: 40)
        #expect(state.openCalls.isEmpty)
        state.perform(.unfoldAll, lines: Self.lines(state), height: 40)
        #expect(state.folded.isEmpty && state.openCalls.count == 2)
    }

    @Test func theTraceSelectedCallIsShownOpenUntilClosed() throws {
        var state = AppFixtures.state(try AppFixtures.graph(ToolCallReducerTests.graph))
        _ = AppFixtures.apply(
            &state, [.runStarted(runID: "r", plan: ["question", "agent"])] + F.run.map { .nodeFinished($0) })
        state.run.traceSelection = 2
        var text = Screen.inspectorLines(state, width: 80).map(\.text)
        #expect(text.contains { $0.hasPrefix("  ▾ get_current_time  call_1") }, "\(text)")
        #expect(!text.contains { $0.contains("turn 1") }, "as of the call: no later turn")
        state.inspector.openCalls = [Self.call0]
        text = Screen.inspectorLines(state, width: 80).map(\.text)
        #expect(text.contains { $0.hasPrefix("  ▸ get_current_time {") })
    }

    @Test func theASCIIGlyphSetDrawsItInASCII() throws {
        let conversation = try #require(
            Conversation.build(owner: StepPath(node: "agent"), steps: F.run, nodeStep: F.node))
        let lines = ConversationLines.lines(
            conversation, sectionID: "conversation", options: JSONLines.Options(width: 60, glyphs: .ascii),
            openCalls: [])
        // Token counts are written `52→18` whatever the glyph set (TokenText, as in the trace).
        for line in lines {
            let text = line.text.replacingOccurrences(of: "→", with: "")
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(line.text)")
        }
        #expect(lines.contains { $0.text.hasPrefix(#"  + get_current_time {"timezone":"Asia/Tokyo"} -> "#) })
    }

    @Test func aTurnFoldsToOneLineCountingItsCalls() {
        let turn = Conversation.turnID("conversation", 0)
        let text = Self.lines(InspectorState(folded: [turn])).map(\.text)
        #expect(text.contains { $0.hasPrefix("▸ turn 0  ✓ 1.2s  52→18  2 calls") })
        #expect(!text.contains { $0.contains("get_current_time {") })
    }
}
