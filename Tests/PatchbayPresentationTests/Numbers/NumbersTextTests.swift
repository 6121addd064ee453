import Foundation
import PatchbayCore
import PatchbayPresentation
import Testing

@Suite struct DurationTextTests {
    @Test func underASecondIsWholeMilliseconds() {
        #expect(DurationText.compact(0) == "0ms")
        #expect(DurationText.compact(0.0804) == "80ms")
        #expect(DurationText.compact(0.42) == "420ms")
        let start = Date(timeIntervalSince1970: 1_764_950_000)
        #expect(DurationText.compact(start.addingTimeInterval(0.42).timeIntervalSince(start)) == "420ms")
        #expect(DurationText.compact(start.addingTimeInterval(12.3).timeIntervalSince(start)) == "12.3s")
        #expect(DurationText.compact(0.9999) == "999ms")
    }

    @Test func underAMinuteIsTenthsRoundedDown() {
        #expect(DurationText.compact(1) == "1.0s")
        #expect(DurationText.compact(12.34) == "12.3s")
        #expect(DurationText.compact(12.3) == "12.3s")
        #expect(DurationText.compact(59.99) == "59.9s")
    }

    @Test func minutesThenHours() {
        #expect(DurationText.compact(60) == "1m00s")
        #expect(DurationText.compact(125) == "2m05s")
        #expect(DurationText.compact(3599.9) == "59m59s")
        #expect(DurationText.compact(3600) == "1h00m")
        #expect(DurationText.compact(3720) == "1h02m")
    }

    @Test func unknownIsADash() {
        #expect(DurationText.compact(nil) == "-")
        #expect(DurationText.compact(.nan) == "-")
        #expect(DurationText.compact(.infinity) == "-")
        #expect(DurationText.compact(-0.5) == "-")
    }
}

@Suite struct TokenTextTests {
    @Test func inputThenOutput() {
        #expect(TokenText.compact(TokenUsage(inputTokens: 120, outputTokens: 45)) == "120→45")
        #expect(TokenText.compact(TokenUsage(inputTokens: 0, outputTokens: 3)) == "0→3")
        #expect(TokenText.compact(TokenUsage(inputTokens: 0, outputTokens: 0)) == "-")
        #expect(TokenText.long(TokenUsage(inputTokens: 120, outputTokens: 14)) == "120→14 tokens")
        #expect(TokenText.long(TokenUsage(inputTokens: 0, outputTokens: 0)) == "0→0 tokens")
    }
}

@Suite struct CostTextTests {
    @Test func dollarsByMagnitude() {
        #expect(CostText.compact(0) == "-")
        #expect(CostText.compact(-1) == "-")
        #expect(CostText.compact(.nan) == "-")
        #expect(CostText.compact(0.00004) == "<$0.0001")
        #expect(CostText.compact(0.0001) == "$0.0001")
        #expect(CostText.compact(0.042) == "$0.0420")
        #expect(CostText.compact(0.99999) == "$1.00")
        #expect(CostText.compact(1.5) == "$1.50")
    }
}
