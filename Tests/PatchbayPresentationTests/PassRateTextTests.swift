import Foundation
import PatchbayPresentation
import PatchbayStore
import Testing

@testable import PatchbayEval

@Suite struct PassRateTextTests {
    @Test func ratesReadAsPercentIntervalAndCounts() {
        #expect(PassRateText.percent(0.125) == "13%")
        #expect(PassRateText.percent(.nan) == "-")
        let counts = (1...6).map { EvalSummary.Count(name: "c\($0)", count: 7 - $0) }
        #expect(PassRateText.counts([]) == "none")
        #expect(PassRateText.counts(Array(counts.prefix(2))) == "c1 6, c2 5")
        #expect(PassRateText.counts(counts) == "c1 6, c2 5, c3 4, c4 3, +2 more")
    }
}
