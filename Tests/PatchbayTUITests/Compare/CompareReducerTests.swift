import Foundation
import PatchbayPresentation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Comparing two runs key by key, without a store: the mark, `=`, `:diff`, the loaded
/// comparison, moving in it, copying and leaving.
@Suite struct CompareReducerTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures
    typealias C = CompareFixtures

    @Test func mMarksARunAndEqualsOnAnotherAsksForBoth() throws {
        var state = try H.historyState()
        F.keys(&state, .char("j"), .char("m"))
        #expect(state.runHistory.marked == H.runs[1].id)
        #expect(state.message?.text == "Marked run #7 073f2a: = on another run compares the two")
        #expect(Screen().render(state).text.contains("│ *✗    7  073f2a"))
        let effects = F.keys(&state, .char("k"), .char("="))
        #expect(effects == [.compareRuns(H.runs[1].id, H.runs[0].id)])
        #expect(state.layoutName == "compare" && state.focus == .compare)
        #expect(state.compare.loading == [H.runs[1].id, H.runs[0].id])
        #expect(state.compare.returnLayout == "history" && state.compare.returnFocus == .runs)
        #expect(Screen().render(state).text.contains("Reading runs \(H.runs[1].id) and \(H.runs[0].id)…"))
    }

    @Test func spaceUnmarksAndEqualsNeedsAMarkAndAnotherRun() throws {
        var state = try H.historyState()
        #expect(F.keys(&state, .char("=")).isEmpty)
        #expect(state.message?.text == "Mark a run first (m), then press = on another to compare the two")
        F.keys(&state, .char(" "))
        #expect(state.runHistory.marked == H.runs[0].id)
        #expect(F.keys(&state, .char("=")).isEmpty)
        #expect(state.message?.text.hasPrefix("That is the marked run") == true)
        F.keys(&state, .char(" "))
        #expect(state.runHistory.marked == nil)
        #expect(state.message?.text == "Unmarked run #8 083f2a")
        #expect(state.layoutName == "history")
    }

    @Test func diffTakesTwoRunsAsTheStoreNamesThem() throws {
        var state = try H.historyState()
        state.focus = .graph
        #expect(F.keys(&state, .char(":")) == [])
        F.type(&state, "diff #3 last")
        #expect(F.keys(&state, .enter) == [.compareRuns("#3", "last")])
        #expect(state.focus == .compare)
        // Back in the history layout, which has no graph pane: on its first pane.
        F.keys(&state, .escape)
        #expect(state.layoutName == "history" && state.focus == .runs)

        #expect(AppReducer.reduce(&state, .command("diff #3")).isEmpty)
        #expect(state.message?.level == .error)
        #expect(state.message?.text.hasPrefix("Usage: :diff RUN RUN") == true)
    }

    @Test func tabCompletesARunAsTheStoreNamesIt() throws {
        var state = try H.historyState()
        let diff = AppReducer.commandSpecs(state).first { $0.name == "diff" }
        #expect(diff?.arguments == ["last", "#8", "#7", "#6", "#5", "#4", "#3"])
        F.keys(&state, .char(":"))
        F.type(&state, "diff l")
        F.keys(&state, .tab)
        guard case .command(let line)? = state.popups.stack.last else {
            Issue.record("no command line")
            return
        }
        #expect(line.text.hasPrefix("diff last"))
    }

    @Test func withoutAStoreNothingIsAskedFor() throws {
        var state = F.state(try F.graph(H.gate))
        #expect(AppReducer.reduce(&state, .command("diff a b")).isEmpty)
        #expect(state.message?.text == "No run store: history is off for this session")
        #expect(state.layoutName == "default")
    }

    @Test func aLoadedComparisonSelectsTheFirstChangedStep() throws {
        var state = try C.compared()
        let rows = try #require(state.compare.comparison?.rows)
        #expect(rows.map(\.label) == ["graph", "inputs", "text", "stats", "short", "report", "notes"])
        #expect(
            rows.map(\.change) == [
                "graph text differs", "1 input differs", "outputs differ", "outputs differ", "failed → succeeded",
                "only in B", "only in B",
            ])
        #expect(state.compare.selectedRow?.label == "text")
        #expect(
            state.message?.text
                == "Run #3 033f2a against #4 043f2a: 5 of 5 steps differ (Esc goes back)")
        F.keys(&state, .char("j"))
        #expect(state.compare.selectedRow?.label == "stats")
        F.keys(&state, .char("G"))
        #expect(state.compare.selectedRow?.label == "notes")
        F.keys(&state, .home)
        #expect(state.compare.selectedRow?.label == "graph")
        F.keys(&state, .pageDown)
        #expect(state.compare.selection == 0 && state.compare.detailScroll > 0)
        F.keys(&state, .char("j"))
        #expect(state.compare.detailScroll == 0)
    }

    @Test func aFailedReadSaysWhyAndKeepsThePane() throws {
        var state = try H.historyState()
        _ = AppReducer.reduce(&state, .command("diff #1 #99"))
        _ = AppReducer.reduce(&state, .compare(.report(.failed("no run #99 in history.sqlite"))))
        #expect(state.message?.level == .error && state.message?.text == "no run #99 in history.sqlite")
        #expect(state.compare.loading == nil && state.focus == .compare)
    }

    @Test func rowsCarryAWordDiffOfTextsAndAKeyDiffOfObjects() throws {
        let rows = C.comparison.rows
        let text = try #require(rows.first { $0.label == "text" })
        #expect(text.columnA == "succeeded" && text.columnB == "succeeded")
        #expect(text.detail.map(\.plain) == ["value:", "  One two three four[- five-]"])
        let stats = try #require(rows.first { $0.label == "stats" })
        #expect(stats.detail.map(\.plain) == ["out:", "  ~ .words: 5 → 4"])
        let short = try #require(rows.first { $0.label == "short" })
        #expect(short.detail.map(\.plain).contains("error in A: .words <= 4 is false"))
        let report = try #require(rows.first { $0.label == "report" })
        #expect(report.columnA == "-" && report.detail.first == .heading("only in B (succeeded)"))
        let graph = try #require(rows.first)
        #expect(graph.columnA == "aaaa1111" && graph.columnB == "bbbb2222")
        #expect(graph.detail.map(\.plain).contains("  ~ node `report`: template"))
        #expect(
            graph.detail.map(\.plain).contains { $0.hasPrefix("  + ") && $0.contains("is {{s.words}} words long.") })
        // A kept YAML list item is not a removal.
        #expect(graph.detail.contains(.line("      - text -> stats", .plain)))
    }

    @Test func theSameGraphHasNoGraphRowAndUnchangedStepsAreListedToo() throws {
        let comparison = RunComparison(RunDiff(C.a, C.sameGraphB))
        #expect(comparison.rows.map(\.label) == ["inputs", "text", "stats", "short"])
        #expect(comparison.rows.map(\.changed) == [true, true, false, false])
        #expect(comparison.differing == 1 && comparison.same == 2)
        #expect(comparison.rows[1].detail.map(\.plain) == ["value:", "  One two [-three-]{+six+} four five"])
        #expect(comparison.firstChange == 1)
    }

    @Test func yCopiesTheSelectedRowsDiff() throws {
        var state = try C.compared()
        let effects = F.keys(&state, .char("y"))
        #expect(effects == [.copyToClipboard("text: #3 033f2a → #4 043f2a\nvalue:\n  One two three four[- five-]")])
        #expect(state.message?.text == "Copied 66 bytes: the diff of `text`")
    }

    @Test func pageKeysScrollALongWrappedTextToItsEnd() throws {
        var b = C.b
        let words = (1...300).map { "word\($0)" }.joined(separator: " ")
        b.steps[0].outputs = ["value": .string(words)]
        var state = try C.compared(width: 80, height: 24)
        _ = AppReducer.reduce(&state, .compare(.report(.loaded(RunComparison(RunDiff(C.a, b))))))
        #expect(state.compare.selectedRow?.label == "text")
        // One line of text, dozens of rows at 80 columns.
        #expect(CompareView.detailRowCount(state) > 30)
        for _ in 0..<10 { F.keys(&state, .pageDown) }
        #expect(state.compare.detailScroll == CompareView.detailRowCount(state) - 1)
        #expect(Screen().render(state).text.contains("word300+}"))
        F.keys(&state, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
        #expect(state.compare.detailScroll == 0)
    }

    @Test func modelTextInTheDiffIsEscaped() throws {
        var b = C.b
        b.steps[0].outputs = ["value": "One two\u{1b}[31m three"]
        var state = try C.compared()
        _ = AppReducer.reduce(&state, .compare(.report(.loaded(RunComparison(RunDiff(C.a, b))))))
        let screen = Screen().render(state).text
        #expect(!screen.contains("\u{1b}"))
        #expect(screen.contains("\\x1b[31m"))
    }
}
