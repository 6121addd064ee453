import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore
import Testing

@Suite struct RunOriginTextTests {
    static let parent = "1a2b3c4d5e6f7a8b"

    static func summary(_ origin: RunOrigin, sample: Int = 0) -> RunSummary {
        RunSummary(
            id: "ffff0000ffff0000", seq: 2, graphPath: nil, graphHash: "h", title: nil, status: .succeeded,
            startedAt: Date(timeIntervalSinceReferenceDate: 0), finishedAt: nil, origin: origin, sample: sample,
            stepCount: 1, executed: 1, cached: 0, usage: TokenUsage(inputTokens: 0, outputTokens: 0), cost: 0,
            errorMessage: nil)
    }

    @Test func everyKindReadsInAFewWords() {
        #expect(RunOriginText.describe(Self.summary(RunOrigin(kind: .run))) == "run")
        #expect(
            RunOriginText.describe(Self.summary(RunOrigin(kind: .rerun, parentRunID: Self.parent)))
                == "rerun of 1a2b3c4d")
        #expect(
            RunOriginText.describe(Self.summary(RunOrigin(kind: .replay, parentRunID: Self.parent)))
                == "replay of 1a2b3c4d")
        #expect(
            RunOriginText.describe(Self.summary(RunOrigin(kind: .fork, parentRunID: Self.parent, parentStep: "ask")))
                == "fork of 1a2b3c4d at ask")
        #expect(
            RunOriginText.describe(
                Self.summary(RunOrigin(kind: .eval, evalID: "9f8e7d6c5b4a", caseID: "c1"), sample: 1))
                == "eval 9f8e7d6c case c1 #2")
    }

    @Test func missingPartsAreLeftOut() {
        #expect(RunOriginText.describe(Self.summary(RunOrigin(kind: .rerun))) == "rerun")
        #expect(RunOriginText.describe(Self.summary(RunOrigin(kind: .eval, caseID: "c1"))) == "eval case c1 #1")
        #expect(RunOriginText.shortID("abc") == "abc")
    }

    @Test func userTextIsEscapedOntoOneLine() {
        let fork = RunOriginText.describe(
            Self.summary(RunOrigin(kind: .fork, parentRunID: Self.parent, parentStep: "a\u{1B}[2Jb\nc")))
        #expect(!fork.contains("\u{1B}") && !fork.contains("\n"))
        let eval = RunOriginText.describe(Self.summary(RunOrigin(kind: .eval, evalID: "e", caseID: "x\u{7}y")))
        #expect(!eval.contains("\u{7}"))
    }
}
