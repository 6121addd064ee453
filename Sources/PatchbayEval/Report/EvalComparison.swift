import Foundation

/// Two variants on the same cases: per-case tallies side by side and the difference B − A.
public struct EvalComparison: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var id: String
        public var a: EvalSummary.CaseTally?
        public var b: EvalSummary.CaseTally?
    }

    public enum Verdict: String, Sendable, Hashable, Codable {
        case aBetter, bBetter, noClearDifference
    }

    public var a: EvalSummary
    public var b: EvalSummary
    public var rows: [Row]
    /// passRate(B) − passRate(A), and its 95% interval (Newcombe's hybrid score).
    public var difference: Double
    public var low: Double
    public var high: Double
    /// B is better when the whole interval is above zero, A when it is below.
    public var verdict: Verdict

    public init(a: EvalSummary, b: EvalSummary) {
        self.a = a
        self.b = b
        var ids = a.cases.map(\.id)
        for id in b.cases.map(\.id) where !ids.contains(id) { ids.append(id) }
        rows = ids.map { id in Row(id: id, a: a.cases.first { $0.id == id }, b: b.cases.first { $0.id == id }) }
        (difference, low, high) = EvalStats.newcombeDifference(
            passedA: a.passed, totalA: a.samples, passedB: b.passed, totalB: b.samples)
        verdict = low > 0 ? .bBetter : high < 0 ? .aBetter : .noClearDifference
    }
}
