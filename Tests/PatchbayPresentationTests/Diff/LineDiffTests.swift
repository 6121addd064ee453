import PatchbayPresentation
import Testing

@Suite struct LineDiffTests {
    @Test func changesAreShownWithTheirContextAndHunksApart() {
        let a = (1...12).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...12).map { "line \($0)" }
        lines[1] = "line two"
        lines.insert("new after 10", at: 10)
        let b = lines.joined(separator: "\n")
        #expect(
            LineDiff.unified(a, b, context: 1) == [
                "  line 1", "- line 2", "+ line two", "  line 3", "…", "  line 10", "+ new after 10", "  line 11",
            ])
    }

    @Test func equalTextsHaveNoHunks() {
        #expect(LineDiff.unified("a\nb", "a\nb").isEmpty)
        #expect(LineDiff.lines("a", "a\nb") == [.same("a"), .added("b")])
    }
}
