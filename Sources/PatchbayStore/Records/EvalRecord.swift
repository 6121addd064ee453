import Foundation

/// One finished evaluation as the store keeps it: the headline numbers in columns (so lists
/// and comparisons need no parsing) and the full report as the eval module wrote it.
public struct EvalRecord: Sendable, Hashable, Codable {
    public var id: String
    public var graphPath: String
    /// The other graphs compared with `graphPath` (`--variant`), in order.
    public var variants: [String]
    public var cases: Int
    public var repeats: Int
    /// Runs made: cases × repeats (× graphs).
    public var samples: Int
    public var passed: Int
    public var passRate: Double
    /// The 95% interval of the pass rate.
    public var lower: Double
    public var upper: Double
    public var startedAt: Date
    public var finishedAt: Date
    /// Opaque to the store (the eval module's JSON); empty in `RunStore.evals(limit:)` lists.
    public var report: String

    public init(
        id: String, graphPath: String, variants: [String] = [], cases: Int, repeats: Int, samples: Int, passed: Int,
        passRate: Double, lower: Double, upper: Double, startedAt: Date, finishedAt: Date, report: String
    ) {
        self.id = id
        self.graphPath = graphPath
        self.variants = variants
        self.cases = cases
        self.repeats = repeats
        self.samples = samples
        self.passed = passed
        self.passRate = passRate
        self.lower = lower
        self.upper = upper
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.report = report
    }
}
