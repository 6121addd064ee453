import Foundation
import PatchbayCore

/// One variant's numbers: pass rate with its interval, per-case tallies, where failures come
/// from, and what the samples used.
public struct EvalSummary: Sendable, Hashable, Codable {
    public struct CaseTally: Sendable, Hashable, Codable {
        public var id: String
        public var passed: Int
        public var total: Int
    }

    public struct Count: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int
    }

    public var variant: String
    public var samples: Int
    public var passed: Int
    /// passed / samples (0 with no samples).
    public var passRate: Double
    /// The 95% Wilson score interval of the pass rate.
    public var low: Double
    public var high: Double
    /// In file order.
    public var cases: [CaseTally]
    public var alwaysPassing: [String]
    /// Passed some samples, not all.
    public var flaky: [String]
    public var alwaysFailing: [String]
    /// Failed samples per check (expectation label or check node id), most first.
    public var failuresByCheck: [Count]
    /// Failed samples per node (failed step path, check node id, or the node wired into the
    /// output an expectation checked), most first.
    public var failuresByNode: [Count]
    public var usage: TokenUsage
    public var cost: Double
    /// Seconds: the sum of sample durations and their 50th and 95th percentiles.
    public var latencyTotal: Double
    public var latencyP50: Double
    public var latencyP95: Double

    public init(variant: String, caseIDs: [String], samples: [SampleResult]) {
        self.variant = variant
        self.samples = samples.count
        passed = samples.filter(\.passed).count
        passRate = samples.isEmpty ? 0 : Double(passed) / Double(samples.count)
        (low, high) = EvalStats.wilson(passed: passed, total: samples.count)
        var byCase: [String: (passed: Int, total: Int)] = [:]
        for s in samples {
            byCase[s.caseID, default: (0, 0)].total += 1
            if s.passed { byCase[s.caseID]!.passed += 1 }
        }
        cases = caseIDs.compactMap { id in byCase[id].map { CaseTally(id: id, passed: $0.passed, total: $0.total) } }
        alwaysPassing = cases.filter { $0.passed == $0.total }.map(\.id)
        flaky = cases.filter { $0.passed > 0 && $0.passed < $0.total }.map(\.id)
        alwaysFailing = cases.filter { $0.passed == 0 }.map(\.id)
        // A sample counts once per check and once per node, however many times it failed there.
        var checks: [String: Int] = [:]
        var nodes: [String: Int] = [:]
        for s in samples where !s.passed {
            for name in Set(s.failures.compactMap(\.check)) { checks[name, default: 0] += 1 }
            for name in Set(s.failures.compactMap(\.node)) { nodes[name, default: 0] += 1 }
        }
        failuresByCheck = Self.ranked(checks)
        failuresByNode = Self.ranked(nodes)
        usage = samples.reduce(TokenUsage()) { $0 + $1.usage }
        cost = samples.reduce(0) { $0 + $1.cost }
        let durations = samples.map(\.duration)
        latencyTotal = durations.reduce(0, +)
        latencyP50 = EvalStats.percentile(durations, 0.5)
        latencyP95 = EvalStats.percentile(durations, 0.95)
    }

    private static func ranked(_ counts: [String: Int]) -> [Count] {
        counts.map { Count(name: $0.key, count: $0.value) }.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }
}
