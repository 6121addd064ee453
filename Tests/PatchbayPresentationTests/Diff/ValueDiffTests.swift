import PatchbayCore
import Testing

@testable import PatchbayPresentation

@Suite struct ValueDiffTests {
    @Test func oneLineValuesReadAsBeforeAndAfter() {
        #expect(ValueDiff.lines("question", "hi", "bye") == ["question: \"hi\" → \"bye\""])
        #expect(ValueDiff.lines("n", nil, 3) == ["n: (none) → 3"])
        #expect(ValueDiff.lines("n", 3, nil) == ["n: 3 → (none)"])
        #expect(ValueDiff.lines("n", 3, "3") == ["n: 3 → \"3\""])
        #expect(ValueDiff.lines("n", nil, nil).isEmpty)
    }

    @Test func multiLineTextIsALineDiff() {
        let lines = ValueDiff.lines("text", "one\ntwo\nthree", "one\n2\nthree\nfour")
        #expect(lines == ["text:", "  - two", "  + 2", "  + four"])
    }

    @Test func objectsListChangedKeysRecursively() {
        let a: JSONValue = ["keep": 1, "gone": true, "inner": ["x": 1, "y": 2]]
        let b: JSONValue = ["keep": 1, "new": "n", "inner": ["x": 1, "y": 3]]
        #expect(ValueDiff.lines("out", a, b) == ["out:", "  - .gone: true", "  ~ .inner.y: 2 → 3", "  + .new: \"n\""])
    }

    @Test func longDiffsStopAfterTwelveLines() {
        let a = (0..<20).map { "a\($0)" }.joined(separator: "\n")
        let b = (0..<20).map { "b\($0)" }.joined(separator: "\n")
        let lines = ValueDiff.lines("text", .string(a), .string(b))
        #expect(lines.count == 1 + ValueDiff.maxLines + 1)
        #expect(lines.last == "  … 28 more")
    }

    @Test func hugeTextsSayOnlyTheirSizes() {
        let a = Array(repeating: "x", count: 1001).joined(separator: "\n")
        let b = Array(repeating: "y", count: 1001).joined(separator: "\n")
        #expect(ValueDiff.lineDiff(a, b) == ["1001 lines → 1001 lines"])
    }

    @Test func controlCharactersAreEscapedAndLongValuesCut() {
        let lines = ValueDiff.lines("text", "a\u{1b}[31m\nb", "a\nb")
        #expect(lines.allSatisfy { !$0.contains("\u{1b}") }, "\(lines)")
        let short = ValueDiff.short(.string(String(repeating: "z", count: 200)))
        #expect(short.count == 78 && short.hasSuffix("…"))
    }
}
