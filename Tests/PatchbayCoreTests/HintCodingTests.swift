import Foundation
import Testing

@testable import PatchbayCore

/// Hints are stored with steps and runs: every case reads back as it was written.
@Suite struct HintCodingTests {
    static func roundTrip(_ hint: Hint) throws -> Hint {
        try JSONDecoder().decode(Hint.self, from: JSONEncoder().encode(hint))
    }

    @Test(arguments: [
        Hint.didYouMean(["template"]), .didYouMean(["a", "b"]), .didYouMean([]), .text("did you mean `x`?"),
        .giveInput("topic"), .trustGraph(path: nil, subgraphs: true), .installLocalModel,
    ])
    func everyCaseReadsBack(_ hint: Hint) throws {
        #expect(try Self.roundTrip(hint) == hint)
    }

    @Test func didYouMeanIsStoredAsItsNames() throws {
        let json = String(decoding: try JSONEncoder().encode(Hint.didYouMean(["nodes"])), as: UTF8.self)
        #expect(json == #"{"didYouMean":["nodes"]}"#)
    }

    @Test func didYouMeanReadsAsSuggestionsDid() {
        #expect(Hint.didYouMean(["nodes"]).description == "did you mean `nodes`?")
        #expect(Hint.didYouMean(["a", "b", "c"]).description == "did you mean `a`, `b` or `c`?")
        #expect(Hint.didYouMean(["a\u{200B}b"]).description == "did you mean `a\\u{200B}b`?")
        #expect(Hint.didYouMean(["x"]).mapText { $0.uppercased() } == .didYouMean(["X"]))
        #expect(Hint.didYouMean(["x", "y"]).suggestions == ["x", "y"] && Hint.text("x").suggestions.isEmpty)
    }

    @Test func aNameDifferingOnlyInInvisibleCharactersStaysText() {
        let hint = Suggestions.didYouMeanHint("ab", in: ["a\u{200B}b"])
        #expect(hint?.suggestions.isEmpty == true)
        #expect(hint?.description.contains("differ only in invisible characters") == true)
        #expect(Suggestions.didYouMeanHint("nodse", in: ["nodes", "wires"]) == .didYouMean(["nodes"]))
    }
}
