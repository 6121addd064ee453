import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct InspectorStateTests {
    let content = InspectorContent.forStep(InspectorFixtures.doneStep, node: InspectorFixtures.critique)

    func lines(_ state: InspectorState, width: Int = 60) -> [InspectorLine] {
        InspectorView.lines(content, state: state, width: width, theme: .dark, glyphs: .unicode)
    }

    @Test func movementStaysInsideTheLinesAndKeepsTheCursorInView() {
        var state = InspectorState()
        state.perform(.up, lineCount: 50, height: 10)
        #expect(state.cursor == 0 && state.scroll == 0)
        for _ in 0..<12 { state.perform(.down, lineCount: 50, height: 10) }
        #expect(state.cursor == 12)
        #expect(state.scroll == 3)
        state.perform(.pageDown, lineCount: 50, height: 10)
        #expect(state.cursor == 21)
        #expect(state.cursor >= state.scroll && state.cursor < state.scroll + 10)
        state.perform(.bottom, lineCount: 50, height: 10)
        #expect(state.cursor == 49 && state.scroll == 40)
        state.perform(.down, lineCount: 50, height: 10)
        #expect(state.cursor == 49)
        state.perform(.pageUp, lineCount: 50, height: 10)
        #expect(state.cursor == 40 && state.scroll == 31)
        state.perform(.top, lineCount: 50, height: 10)
        #expect(state.cursor == 0 && state.scroll == 0)
    }

    @Test func shortContentNeverScrolls() {
        var state = InspectorState(scroll: 7, cursor: 9)
        state.perform(.pageDown, lineCount: 5, height: 10)
        #expect(state.cursor == 4 && state.scroll == 0)
        state.perform(.down, lineCount: 0, height: 10)
        #expect(state.cursor == 0 && state.scroll == 0)
    }

    @Test func toggleFoldActsOnTheLineUnderTheCursor() throws {
        var state = InspectorState()
        let before = lines(state)
        let json = try #require(before.firstIndex { $0.foldID == "outputs.json" })
        state.cursor = json
        state.perform(.toggleFold, lines: before, height: 10)
        #expect(state.folded == ["outputs.json"])
        let after = lines(state)
        #expect(after[json].text.contains("json: {…} 4 keys"))
        #expect(after.count < before.count)
        state.perform(.toggleFold, lines: after, height: 10)
        #expect(state.folded.isEmpty)
        #expect(lines(state) == before)
    }

    @Test func toggleFoldOnALeafDoesNothing() throws {
        var state = InspectorState()
        let all = lines(state)
        state.cursor = try #require(all.firstIndex { $0.text.contains("\"approved\": true") })
        state.perform(.toggleFold, lines: all, height: 10)
        #expect(state.folded.isEmpty)
    }

    @Test func sectionsFoldByTheirId() throws {
        var state = InspectorState()
        let all = lines(state)
        state.cursor = try #require(all.firstIndex { $0.foldID == "config" })
        state.perform(.toggleFold, lines: all, height: 10)
        let folded = lines(state)
        #expect(!folded.contains { $0.text.contains("temperature") })
        #expect(folded.contains { $0.text.hasPrefix("▸ Config") })
    }

    @Test func foldAllFoldsContainersBelowTheTopLevelAndUnfoldAllUndoesIt() {
        var state = InspectorState()
        state.perform(.foldAll, lines: lines(state), height: 10)
        #expect(state.folded == ["outputs.json.meta", "outputs.json.notes"])
        let text = lines(state).map(\.text)
        #expect(text.contains("  ▸ \"meta\": {…} 2 keys,"))
        #expect(text.contains("▾ json: {"))
        state.perform(.unfoldAll, lineCount: 10, height: 10)
        #expect(state.folded.isEmpty)
    }

    @Test func toggleWrapSwitchesBetweenWrappedAndClippedLines() {
        var state = InspectorState()
        #expect(state.wrap)
        let wrapped = lines(state, width: 30)
        state.perform(.toggleWrap, lines: wrapped, height: 10)
        #expect(!state.wrap)
        let clipped = lines(state, width: 30)
        #expect(clipped.count < wrapped.count)
        #expect(clipped.contains { $0.text.hasSuffix("…") })
        for line in wrapped + clipped { #expect(line.width <= 30) }
    }

    @Test func foldingAWrappedLineFromItsContinuationMovesTheCursorToItsStart() throws {
        let node = Node(
            id: "n", kind: .llm, fields: ["prompt": .string("line one is long enough to wrap around\nline two")])
        let content = InspectorContent.forNode(node, step: nil, streamingText: nil, diagnostics: [], pendingInputs: nil)
        var state = InspectorState()
        let all = InspectorView.lines(content, state: state, width: 12, theme: .dark, glyphs: .unicode)
        let continuation = try #require(all.firstIndex { $0.isContinuation && $0.foldID == "config.prompt" })
        state.cursor = continuation
        state.perform(.toggleFold, lines: all, height: 10)
        #expect(state.folded == ["config.prompt"])
        #expect(all[state.cursor].foldID == "config.prompt" && !all[state.cursor].isContinuation)
    }
}
