import Testing

@testable import PatchbayPresentation

@Suite struct WordDiffTests {
    @Test func aChangedWordIsTheOnlyPartMarked() throws {
        let lines = try #require(WordDiff.lines("One two three. Four!", "One two three. Five six."))
        #expect(lines == [[.same("One two three. "), .removed("Four!"), .added("Five six.")]])
        #expect(WordDiff.plain(lines) == ["One two three. [-Four!-]{+Five six.+}"])
    }

    @Test func sameTextsAreOnePartAndLinesFollowTheBreaks() throws {
        #expect(WordDiff.lines("a b", "a b") == [[.same("a b")]])
        let lines = try #require(WordDiff.lines("x\nold one\nold two\ny", "x\nnew\ny"))
        #expect(WordDiff.plain(lines) == ["x", "[-old one-]", "[-old two-]{+new+}", "y"])
    }

    @Test func aChangeOfOnlyABreakStaysVisibleOnItsLine() throws {
        let lines = try #require(WordDiff.lines("a\nb", "a b"))
        #expect(lines == [[.same("a"), .removed("\n"), .added(" "), .same("b")]])
    }

    @Test func wordsKeepSpacesAndBreaksAsTheirOwnTokens() {
        #expect(WordDiff.words("a  b\n\tc") == ["a", "  ", "b", "\n", "\t", "c"])
        #expect(WordDiff.words("") == [])
    }

    @Test func textsWithTooManyWordsAreNotDiffed() {
        let many = Array(repeating: "w", count: 1001).joined(separator: " ")
        #expect(WordDiff.lines(many, many + " x") == nil)
    }
}
