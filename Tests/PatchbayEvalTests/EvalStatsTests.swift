import Testing

@testable import PatchbayEval

/// Reference values worked by hand (and matching Newcombe 1998, Stat. Med. 17:857 and 17:873).
@Suite struct EvalStatsTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 0.00005) -> Bool { abs(a - b) < tolerance }

    @Test func wilsonEightOfTen() {
        // p = .8, n = 10, z² = 3.8416: centre .71674, half-width .22658.
        let w = EvalStats.wilson(passed: 8, total: 10)
        #expect(close(w.low, 0.4902) && close(w.high, 0.9433), "\(w)")
    }

    @Test func wilsonNewcombeExample() {
        // Newcombe 1998 (single proportion), 81/263: 0.2553 to 0.3662.
        let w = EvalStats.wilson(passed: 81, total: 263)
        #expect(close(w.low, 0.2553) && close(w.high, 0.3662), "\(w)")
    }

    @Test func wilsonAtTheEdges() {
        // 0/10: upper bound z²/(n + z²) = 3.8416 / 13.8416.
        let none = EvalStats.wilson(passed: 0, total: 10)
        #expect(none.low == 0 && close(none.high, 0.2775), "\(none)")
        let all = EvalStats.wilson(passed: 10, total: 10)
        #expect(close(all.low, 0.7225) && close(all.high, 1), "\(all)")
        let empty = EvalStats.wilson(passed: 0, total: 0)
        #expect(empty.low == 0 && empty.high == 1)
    }

    @Test func newcombeDifferenceExample() {
        // Newcombe 1998 (differences), example (a): 56/70 − 48/80 = .2000, method 10: .0524 to .3339.
        let d = EvalStats.newcombeDifference(passedA: 48, totalA: 80, passedB: 56, totalB: 70)
        #expect(close(d.difference, 0.2) && close(d.low, 0.0524) && close(d.high, 0.3339), "\(d)")
        // Swapped, the interval mirrors.
        let r = EvalStats.newcombeDifference(passedA: 56, totalA: 70, passedB: 48, totalB: 80)
        #expect(close(r.difference, -0.2) && close(r.low, -0.3339) && close(r.high, -0.0524), "\(r)")
    }

    @Test func newcombeDifferenceAtZero() {
        // B always passes (10/10), A never (0/20): pB = 1 with Wilson (.7225, 1); pA = 0 with (0, .1611).
        // low = 1 − √((1 − .7225)² + (.1611)²) = 1 − √(.07701 + .02595) = .6791; high = 1 + √(0 + 0) = 1.
        let d = EvalStats.newcombeDifference(passedA: 0, totalA: 20, passedB: 10, totalB: 10)
        #expect(close(d.difference, 1) && close(d.low, 0.6791, 0.0005) && close(d.high, 1), "\(d)")
    }

    @Test func percentilesByNearestRank() {
        let values: [Double] = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
        #expect(EvalStats.percentile(values, 0.5) == 5)
        #expect(EvalStats.percentile(values, 0.95) == 10)
        #expect(EvalStats.percentile(values, 0.1) == 1)
        #expect(EvalStats.percentile([], 0.5) == 0)
        #expect(EvalStats.percentile([42], 0.95) == 42)
    }
}

@Suite struct EvalFormatTests {
    /// The CLI and the workbench both print through this: 12.5% reads 13% in each.
    @Test func percentRoundsHalvesUp() {
        #expect(EvalFormat.percent(0.125) == "13%")
        #expect(EvalFormat.percent(0.124) == "12%")
        #expect(EvalFormat.percent(0) == "0%" && EvalFormat.percent(1) == "100%")
        #expect(EvalFormat.percent(0.6) == "60%" && EvalFormat.percent(.nan) == "-")
    }
}
