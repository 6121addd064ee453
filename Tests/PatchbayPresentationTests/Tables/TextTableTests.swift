import PatchbayPresentation
import Testing

@Suite struct TextTableTests {
    @Test func padsByDisplayWidthNotCharacters() {
        let lines = TextTable().lines([["name", "status"], ["日本語", "ok"], ["ab", "failed"]])
        #expect(lines == ["name    status", "日本語  ok", "ab      failed"])
        #expect(DisplayWidth.of("日本語") == 6 && DisplayWidth.of("e\u{301}") == 1 && DisplayWidth.of("👍") == 2)
    }

    @Test func rightAlignedColumnsAndMinimumWidths() {
        let table = TextTable(alignments: [.left, .right, .right], minimumWidths: [4, 5, 5])
        #expect(
            table.lines([["case", "A", "B"], ["c1", "3/3", "10/10"]]) == ["case      A      B", "c1      3/3  10/10"])
    }

    @Test func shortRowsAndNoRows() {
        #expect(TextTable().lines([]) == [])
        #expect(TextTable().lines([["a", "b"], ["long"]]) == ["a     b", "long"])
    }
}
