import Foundation
import PatchbayCore

/// One run of one case by one variant, and its verdict.
public struct SampleResult: Sendable, Codable, Hashable {
    public var variant: String
    public var caseID: String
    /// 0-based; also the run's sample index.
    public var sample: Int
    /// The stored run (empty when the run could not start).
    public var runID: String
    public var passed: Bool
    public var runStatus: RunResult.Status
    public var failures: [CheckFailure]
    /// Wall time of the run and its judge calls, in seconds.
    public var duration: TimeInterval
    public var usage: TokenUsage
    /// US dollars, when the back ends know their prices.
    public var cost: Double
    /// The start of the checked output, as text.
    public var outputPreview: String?

    public init(
        variant: String, caseID: String, sample: Int, runID: String, passed: Bool, runStatus: RunResult.Status,
        failures: [CheckFailure], duration: TimeInterval, usage: TokenUsage, cost: Double, outputPreview: String?
    ) {
        self.variant = variant
        self.caseID = caseID
        self.sample = sample
        self.runID = runID
        self.passed = passed
        self.runStatus = runStatus
        self.failures = failures
        self.duration = duration
        self.usage = usage
        self.cost = cost
        self.outputPreview = outputPreview
    }
}

/// Why a sample failed, attributed to a check and to a node.
public struct CheckFailure: Sendable, Codable, Hashable {
    public enum Source: String, Sendable, Codable, Hashable {
        /// A node failed and the run with it.
        case run
        /// A top-level `check` node emitted `fail`.
        case checkNode
        /// An expectation of the case or of the suite did not hold.
        case expectation
    }

    public var source: Source
    /// The expectation's label or the check node's id; nil for a node error.
    public var check: String?
    /// The failed step's path, the check node's id, or for an expectation the node wired into
    /// the output it checked (nil when the graph has no such wire).
    public var node: String?
    /// The output an expectation checked.
    public var output: String?
    public var reason: String

    public init(source: Source, check: String? = nil, node: String? = nil, output: String? = nil, reason: String) {
        self.source = source
        self.check = check
        self.node = node
        self.output = output
        self.reason = reason
    }
}
