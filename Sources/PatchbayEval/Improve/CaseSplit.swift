import PatchbayCore

/// Cases divided for `improve`: train (examples are drawn from its passing runs), dev (every
/// candidate is measured on it and every choice made from it) and test (the winner is measured
/// on it once, at the end, so its rate is not flattered by the choices).
public struct CaseSplit: Sendable, Hashable {
    public var train: [EvalCase]
    public var dev: [EvalCase]
    public var test: [EvalCase]

    public init(train: [EvalCase], dev: [EvalCase], test: [EvalCase]) {
        self.train = train
        self.dev = dev
        self.test = test
    }

    /// A seeded split in the proportions of `shares` (train/dev/test), stratified by what each
    /// case expects: cases with the same expected value (`equals`) are shuffled together and
    /// dealt out in turn to whichever part is furthest below its share, so each part gets its
    /// share of every label. Within a part, cases keep their file order.
    public static func split(_ cases: [EvalCase], shares: (Int, Int, Int) = (50, 25, 25), seed: UInt64) -> CaseSplit {
        var generator = SplitMix64(seed: seed)
        var strata: [String: [Int]] = [:]
        var order: [String] = []
        for (index, evalCase) in cases.enumerated() {
            let key = stratum(evalCase)
            if strata[key] == nil { order.append(key) }
            strata[key, default: []].append(index)
        }
        let weights = [shares.0, shares.1, shares.2].map { Double(max(0, $0)) }
        let total = max(1, weights.reduce(0, +))
        var counts = [0, 0, 0]
        var part = [Int](repeating: 0, count: cases.count)
        var dealt = 0
        for key in order {
            for index in strata[key]!.shuffled(using: &generator) {
                dealt += 1
                // Furthest below its share after this case; ties to the earlier part.
                let deficits = (0..<3).map { weights[$0] / total * Double(dealt) - Double(counts[$0]) }
                let chosen =
                    (0..<3).filter { weights[$0] > 0 }.max {
                        deficits[$0] < deficits[$1] || (deficits[$0] == deficits[$1] && $0 > $1)
                    } ?? 0
                counts[chosen] += 1
                part[index] = chosen
            }
        }
        let parts = (0..<3).map { p in cases.indices.filter { part[$0] == p }.map { cases[$0] } }
        return CaseSplit(train: parts[0], dev: parts[1], test: parts[2])
    }

    /// What a case expects, as one string: its `equals` values, or "" when it has none.
    static func stratum(_ evalCase: EvalCase) -> String {
        evalCase.expectations.compactMap { expectation -> String? in
            if case .equals(let value) = expectation.test {
                return (expectation.output ?? "") + "=" + value.compactJSON
            }
            return nil
        }.joined(separator: "&")
    }
}

/// A small seeded generator (SplitMix64), so a split is the same on every machine.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
