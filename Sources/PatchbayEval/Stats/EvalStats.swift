import Foundation

/// The statistics of an eval, as pure functions: confidence intervals for a pass rate and for
/// the difference of two, and percentiles of durations.
public enum EvalStats {
    /// The Wilson score interval for `passed` out of `total` (95% with the default `z`). It stays
    /// inside [0, 1] and behaves at 0/N and N/N, where the normal approximation does not.
    /// With no samples the rate is unknown: (0, 1).
    public static func wilson(passed: Int, total: Int, z: Double = 1.96) -> (low: Double, high: Double) {
        guard total > 0 else { return (0, 1) }
        let n = Double(total)
        let p = Double(passed) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return (max(0, center - half), min(1, center + half))
    }

    /// The difference of two pass rates, B − A, with Newcombe's hybrid score interval (his
    /// method 10, built from the two Wilson intervals). Positive means B passes more often.
    public static func newcombeDifference(
        passedA: Int, totalA: Int, passedB: Int, totalB: Int, z: Double = 1.96
    ) -> (difference: Double, low: Double, high: Double) {
        let pA = totalA > 0 ? Double(passedA) / Double(totalA) : 0
        let pB = totalB > 0 ? Double(passedB) / Double(totalB) : 0
        let a = wilson(passed: passedA, total: totalA, z: z)
        let b = wilson(passed: passedB, total: totalB, z: z)
        let difference = pB - pA
        let low = difference - ((pB - b.low) * (pB - b.low) + (a.high - pA) * (a.high - pA)).squareRoot()
        let high = difference + ((b.high - pB) * (b.high - pB) + (pA - a.low) * (pA - a.low)).squareRoot()
        return (difference, max(-1, low), min(1, high))
    }

    /// The nearest-rank percentile (`fraction` in 0...1): the smallest value with at least that
    /// share of the values at or below it. 0 for no values.
    public static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
