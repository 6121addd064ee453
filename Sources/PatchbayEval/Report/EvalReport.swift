import Foundation
import PatchbayCore

/// What an eval found: every sample, and what it ran on (suite and graph hashes, shard, cases).
/// Summaries and comparisons are computed from the samples. The JSON form is what
/// `patchbay eval --out` writes and `eval merge` reads.
public struct EvalReport: Sendable, Codable, Hashable {
    public struct Variant: Sendable, Codable, Hashable {
        public var name: String
        public var graphHash: String

        public init(name: String, graphHash: String) {
            self.name = name
            self.graphHash = graphHash
        }
    }

    public var evalID: String
    public var startedAt: Date
    public var finishedAt: Date
    public var suiteHash: String
    public var variants: [Variant]
    public var repeats: Int
    /// The shard this report covers; nil for all cases.
    public var shard: Shard?
    /// The cases covered, in file order.
    public var caseIDs: [String]
    /// In order: variant, case, sample.
    public var samples: [SampleResult]
    /// False when the eval was stopped before every sample ran.
    public var complete: Bool

    public init(
        evalID: String, startedAt: Date, finishedAt: Date, suiteHash: String, variants: [Variant], repeats: Int,
        shard: Shard?, caseIDs: [String], samples: [SampleResult], complete: Bool = true
    ) {
        self.evalID = evalID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.suiteHash = suiteHash
        self.variants = variants
        self.repeats = repeats
        self.shard = shard
        self.caseIDs = caseIDs
        self.samples = samples
        self.complete = complete
    }

    /// The summary of one variant (nil: the first).
    public func summary(variant: String? = nil) -> EvalSummary {
        let name = variant ?? variants.first?.name ?? ""
        return EvalSummary(variant: name, caseIDs: caseIDs, samples: samples.filter { $0.variant == name })
    }

    /// B against A, case by case, and the difference in pass rate B − A with its interval.
    public func comparison(a: String, b: String) -> EvalComparison {
        EvalComparison(a: summary(variant: a), b: summary(variant: b))
    }

    /// Pretty, key-sorted JSON with ISO 8601 dates.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> EvalReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(EvalReport.self, from: data)
    }
}
