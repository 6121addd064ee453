import Testing

@testable import PatchbayCore

@Suite struct SuggestionsTests {
    /// Two strings from a small alphabet, so edits, transpositions and near misses are common.
    static func pairs(count: Int) -> [(String, String)] {
        var generator = SystemRandomNumberGenerator()
        func word() -> String {
            String((0..<Int.random(in: 0...9, using: &generator)).map { _ in "abcé".randomElement(using: &generator)! })
        }
        return (0..<count).map { _ in (word(), word()) }
    }

    @Test("the banded distance with a limit agrees with the full one, capped at limit + 1")
    func bandedAgreesWithFull() {
        for (a, b) in Self.pairs(count: 3_000) {
            let full = Suggestions.editDistance(a, b)
            for limit in 0...4 {
                #expect(
                    Suggestions.editDistance(a, b, limit: limit) == min(full, limit + 1), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test("one rule everywhere: a third of the word's length in edits, at least 1, at most 3")
    func oneThreshold() {
        #expect(Suggestions.closest(to: "nmae", in: ["name"]) == "name")  // a swap is one edit
        #expect(Suggestions.closest(to: "abc", in: ["xyz"]) == nil)
        #expect(Suggestions.closest(to: "concurency", in: ["concurrency"]) == "concurrency")
        #expect(Suggestions.closest(to: "abcdefghijklmn", in: ["abcdefghijwxyz"]) == nil)  // 4 edits: over the cap
    }

    @Test func hintSuggestsElseListsWhatExistsSorted() {
        #expect(Suggestions.hint(for: "opnai", in: ["openai", "anthropic"]) == .didYouMean(["openai"]))
        #expect(Suggestions.hint(for: "opnai", in: ["openai", "anthropic"]).description == "did you mean `openai`?")
        #expect(
            Suggestions.hint(for: "zzz", in: ["openai", "anthropic"])
                == .text("expected one of `anthropic` and `openai`"))
    }

    @Test func knownDistances() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("ab", "ba") == 1)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.didYouMean("tempreature", in: ["temperature", "timeout"]) == "did you mean `temperature`?")
    }

    @Test("two 20,000-character ids one edit apart are compared along the diagonal only")
    func longWordsStayLinear() {
        let base = String(repeating: "a", count: 20_000)
        let start = ContinuousClock.now
        #expect(Suggestions.closest(to: base + "y", in: [base + "x"]) == base + "x")
        // The full table took 57 s here (debug build); the band is 20,000 × 7 cells.
        print("two 20,000-character ids: \(ContinuousClock.now - start)")
    }
}
