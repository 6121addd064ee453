import Testing

@testable import PatchbayTUI

/// One breaking function (`SoftWrap.rows`) serves the prompt editor, which keeps the spaces a
/// break falls on (its cursor sits on them), and the drawn rows of the preview and output
/// panes (`SoftWrap.wrap`), which leave them out.
@Suite struct SoftWrapTests {
    static func wrapped(_ text: String, _ width: Int) -> [String] {
        SoftWrap.wrap(text.map { StyledCharacter($0, .plain) }, width: width).map { String($0.map(\.character)) }
    }

    @Test func breaksAfterTheLastSpaceThatFits() {
        #expect(Self.wrapped("one two three four", 9) == ["one two ", "three ", "four"])
        // A word ending at the edge stays; the space after it is not carried over.
        #expect(Self.wrapped("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"])
        #expect(Self.wrapped("aaaa bbbb    cccc", 9) == ["aaaa bbbb", "cccc"])
        // Mid-word only for a word wider than the row.
        #expect(Self.wrapped("xxxxxxxxxxxx yy", 5) == ["xxxxx", "xxxxx", "xx yy"])
        // Wide graphemes count two cells; one wider than the row takes a row alone.
        #expect(Self.wrapped("日本語 abc", 6) == ["日本語", "abc"])
        #expect(Self.wrapped("日x", 1) == ["日", "x"])
        #expect(Self.wrapped("", 5) == [""])
    }

    /// The editor's rows, less the spaces hanging past the edge, are the drawn rows: the two
    /// break in the same places (they were two loops that disagreed on a word ending at the edge).
    @Test func theEditorAndTheDrawnRowsBreakAlike() {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<300 {
            let words = (0..<(1 + next(12))).map { _ in String(repeating: "w", count: 1 + next(9)) }
            let text = words.map { $0 + String(repeating: " ", count: 1 + next(3)) }.joined()
            let width = 3 + next(14)
            let line = Array(text)
            let editor = PromptEditorView.rows(of: line, width: width)
            // The rows cover the line in order.
            #expect(editor.first?.lowerBound == 0 && editor.last?.upperBound == line.count)
            #expect(zip(editor, editor.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let drawn = Self.wrapped(text, width)
            #expect(drawn.count == editor.count, "\(text.debugDescription) at \(width)")
            for (range, row) in zip(editor, drawn) {
                var cut = String(line[range])
                while cut.count > width, cut.last == " " { cut.removeLast() }
                #expect(cut == row, "\(text.debugDescription) at \(width)")
                #expect(row.count <= width)
            }
        }
    }
}
