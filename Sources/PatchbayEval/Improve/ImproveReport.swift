import Foundation
import PatchbayCore

/// What an `improve` search did: every candidate measured on dev, the moves accepted, the
/// winner's and the original's rates on test, and the improved graph.
public struct ImproveReport: Sendable, Codable, Hashable {
    /// A pass count over samples, with its 95% Wilson interval.
    public struct Rate: Sendable, Codable, Hashable {
        public var passed: Int
        public var total: Int

        public init(passed: Int, total: Int) {
            self.passed = passed
            self.total = total
        }

        public var value: Double { total > 0 ? Double(passed) / Double(total) : 0 }
        public var interval: (low: Double, high: Double) { EvalStats.wilson(passed: passed, total: total) }
    }

    public struct Candidate: Sendable, Codable, Hashable {
        /// `single` (one move on the original) or `combined` (one more move on the best so far).
        public var phase: String
        public var kind: String
        public var node: String
        public var label: String
        public var dev: Rate?
        /// Its dev rate minus the one it was compared with, and the interval of that difference.
        public var difference: Double?
        public var low: Double?
        public var high: Double?
        /// Model requests and US dollars its measurement cost (cache hits are free).
        public var calls: Int
        public var cost: Double
        public var accepted: Bool
        /// Why it was or was not accepted.
        public var reason: String
    }

    public var id: String
    public var graphPath: String?
    public var startedAt: Date
    public var finishedAt: Date
    public var trainCases: Int
    public var devCases: Int
    public var testCases: Int
    /// The test cases' ids, so another graph can be measured on exactly them.
    public var testCaseIDs: [String]?
    public var repeats: Int
    public var baselineDev: Rate
    public var candidates: [Candidate]
    /// The labels of the moves in the winner, in the order accepted.
    public var accepted: [String]
    public var winnerDev: Rate
    public var baselineTest: Rate?
    public var winnerTest: Rate?
    /// The winner, canonical; nil when no move was accepted.
    public var improvedGraph: String?
    /// Sub-graphs a kept move changed, canonical, by the path the improved graph names them by
    /// (relative to its folder, `lib/extract-attempt.improved.graph.yaml`).
    public var improvedSubgraphs: [String: String]?
    /// Moves not tried, and why (`schema: no llm node's answer is parsed as JSON`).
    public var notes: [String]
    /// Why the search stopped before trying everything (a budget, Ctrl-C); nil when it did not.
    public var stopped: String?
    public var calls: Int
    public var cost: Double
}
