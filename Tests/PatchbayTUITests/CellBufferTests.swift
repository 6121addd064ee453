import Testing

@testable import PatchbayTUI

@Suite struct CellBufferTests {
    @Test func putClipsAndReportsColumn() {
        var buffer = CellBuffer(width: 10, height: 2)
        let end = buffer.put("hello world", x: 2, y: 0)
        #expect(end == 10)
        #expect(buffer.line(0) == "  hello wo")
    }

    @Test func controlCharactersAreEscaped() {
        var buffer = CellBuffer(width: 20, height: 1)
        buffer.put("a\u{1b}[31mb", x: 0, y: 0)
        #expect(buffer.text == "a\\x1b[31mb")
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { VisibleText.isControl($0) } })
    }

    @Test func wideGraphemesTakeTwoCellsAndAreNotSplitAtTheEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        let end = buffer.put("日本語", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.text == "日本")
        buffer.put("x", x: 1, y: 0)
        #expect(buffer[0, 0].text == " ")
    }

    @Test func clipRectLimitsBothAxes() {
        var buffer = CellBuffer(width: 10, height: 3)
        let clip = Rect(x: 2, y: 1, width: 3, height: 1)
        buffer.put("abcdef", x: 0, y: 1, clip: clip)
        buffer.put("zzz", x: 2, y: 2, clip: clip)
        #expect(buffer.text == "\n  cde\n")
    }

    @Test func keyNamesRoundTrip() {
        let keys: [Key] = [.char("j"), .ctrl("p"), .tab, .backTab, .function(5), .up, .enter, .escape, .char(" ")]
        for key in keys { #expect(Key(name: key.description) == key) }
        #expect(Key(name: "ctrl-p") == .ctrl("p"))
        #expect(Key(name: "<nope>") == nil)
    }
}
