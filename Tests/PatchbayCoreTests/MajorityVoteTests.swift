import Testing

@testable import PatchbayCore

@Suite("majority vote and few-shot examples")
struct MajorityVoteTests {
    static func texts(_ texts: [String]) -> [MajorityVote.Ballot] {
        texts.map { MajorityVote.ballot(text: $0, json: nil) }
    }

    @Test func textsAgreeTrimmedAndCaseFolded() {
        let (index, votes) = MajorityVote.winner(Self.texts(["negative", " Positive\n", "positive", "POSITIVE "]))
        #expect(index == 1 && votes == 3)
    }

    @Test func jsonAgreesByValueWhateverTheKeyOrder() throws {
        let a = try JSONValue(parsing: #"{"name": "Ann", "age": 3}"#)
        let b = try JSONValue(parsing: #"{"age": 3, "name": "Ann"}"#)
        let c = try JSONValue(parsing: #"{"age": 4, "name": "Ann"}"#)
        let ballots = [c, a, b].map { MajorityVote.ballot(text: "", json: $0) }
        #expect(MajorityVote.winner(ballots) == (1, 2))
    }

    @Test("a tie goes to the answer that came first", arguments: [["b", "a", "a", "b"], ["x", "y", "z"]])
    func tiesGoToTheEarlierAnswer(texts: [String]) {
        #expect(MajorityVote.winner(Self.texts(texts)).index == 0)
        #expect(MajorityVote.winner(Self.texts(texts.reversed())).index == 0)
    }

    @Test func examplesInCompleteModeGoWhereTheAnswerWould() throws {
        let prompt = try PromptTemplate("Review: \"{{review}}\"\nSentiment:")
        let examples: JSONValue = [
            ["inputs": ["review": "Great"], "output": "positive"],
            ["inputs": ["review": "Broke"], "output": "negative"],
        ]
        let shot = try #require(try FewShot(examples, prompt: prompt))
        #expect(shot.prefix == "Review: \"Great\"\nSentiment: positive\n\nReview: \"Broke\"\nSentiment: negative\n\n")
        #expect(shot.messages.map(\.role) == ["user", "assistant", "user", "assistant"])
        #expect(shot.messages[1].content == "positive")

        // A prompt that ends in a newline keeps its answer on the next line; JSON outputs are compact.
        let lines = try PromptTemplate("Text: {{text}}\nJSON:\n")
        let record = try #require(try FewShot([["inputs": ["text": "Ann, 3"], "output": ["age": 3]]], prompt: lines))
        #expect(record.prefix == "Text: Ann, 3\nJSON:\n{\"age\":3}\n\n")
    }

    @Test func anExampleWithoutAPromptInputIsRefused() throws {
        let prompt = try PromptTemplate("{{a}} and {{b}}")
        #expect(throws: NodeError.self) { try FewShot([["inputs": ["a": 1], "output": "x"]], prompt: prompt) }
        #expect(throws: NodeError.self) { try FewShot([["inputs": ["a": 1], "output": "x"]], prompt: nil) }
    }
}
