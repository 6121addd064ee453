import Foundation
import PatchbayCore
import PatchbayPresentation
import Testing

@testable import PatchbayTUI

@Suite struct TraceViewTests {
    typealias F = InspectorFixtures

    func draw(_ rows: [TraceRow], width: Int, height: Int, selection: Int? = nil, scroll: Int = 0) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        TraceView.draw(
            rows, selection: selection, scroll: scroll, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode,
            focused: true, now: F.now, spinnerFrame: 3)
        return buffer
    }

    @Test func rowsFromStepsAndRunningNodes() {
        let rows = F.traceRows()
        #expect(rows.count == 12)
        #expect(rows[1].status == .cached)
        #expect(rows[7].pathText == "refine[2]/critique" && rows[7].depth == 1)
        #expect(rows[9].status == .failed && rows[10].status == .skipped)
        #expect(rows[11].status == .running && rows[11].number == nil)
        #expect(rows[11].elapsed(now: F.now) == 1.5)
    }

    @Test func wideEnoughShowsEveryColumn() {
        let buffer = draw(F.traceRows(), width: 80, height: 14)
        #expect(buffer.line(0).contains("status") && buffer.line(0).contains("in/out"))
        let critique = buffer.line(8)
        #expect(critique.contains(" 7 ✓ "))
        #expect(critique.contains("  refine[2]/critique"))
        #expect(critique.contains("done"))
        #expect(critique.contains("312ms"))
        #expect(critique.contains("120→14"))
        #expect(buffer.line(12).contains("⠸ summarize") && buffer.line(12).contains("1.5s"))
    }

    @Test func narrowPanesTruncateThePathFirstThenDropColumns() {
        let rows = [
            TraceRow(
                F.step(
                    3, "review/refine[12]/critique-the-draft", .llm, .succeeded, duration: 0.5,
                    usage: TokenUsage(inputTokens: 1, outputTokens: 2)))
        ]
        let medium = draw(rows, width: 60, height: 3)
        #expect(medium.line(1).contains("…"))
        #expect(medium.line(1).contains("critique-the-draft"))
        #expect(medium.line(1).contains("1→2"))
        let narrow = draw(rows, width: 30, height: 3)
        #expect(!narrow.line(1).contains("1→2"))
        #expect(narrow.line(1).contains("…"))
        #expect(narrow.line(1).hasSuffix("500ms") || narrow.line(1).contains("done"))
        let tiny = draw(rows, width: 16, height: 3)
        #expect(tiny.line(1).contains("draft"))
        #expect(!tiny.line(1).contains("500ms"))
    }

    @Test func scrollKeepsTheSelectionInView() {
        #expect(TraceView.scroll(toShow: 5, scroll: 0, height: 10) == 0)
        #expect(TraceView.scroll(toShow: 15, scroll: 0, height: 10) == 6)
        #expect(TraceView.scroll(toShow: 2, scroll: 6, height: 10) == 2)
        #expect(TraceView.visibleRowCount(in: Rect(x: 0, y: 0, width: 40, height: 10)) == 9)
    }

    @Test func tenThousandRowsDrawOnlyTheVisibleOnesAndFollowTheSelection() {
        let step = F.step(0, "map[0]/item", .jq, .succeeded)
        let rows = (0..<10_000).map { i -> TraceRow in
            var row = TraceRow(step)
            row.number = i
            return row
        }
        let buffer = draw(rows, width: 60, height: 10, selection: 9_999, scroll: 0)
        #expect(buffer.line(9).hasPrefix(" 9999 "))
        #expect(buffer[0, 9].style.reverse)
        #expect(!buffer[0, 8].style.reverse)
    }

    @Test func emptyTraceSaysSo() {
        #expect(draw([], width: 30, height: 4).text.contains("no steps yet"))
    }
}
