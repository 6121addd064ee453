import Foundation

/// Combines the reports of the shards of one eval into the report one unsharded run would give.
public enum EvalMerge {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func merge(_ reports: [EvalReport]) throws -> EvalReport {
        guard let first = reports.first else { throw Failure(description: "no reports to merge") }
        if reports.count == 1, first.shard == nil { return first }
        for (i, r) in reports.enumerated() {
            guard let shard = r.shard else {
                throw Failure(
                    description:
                        "report \(i + 1) (eval \(r.evalID)) covers every case, not a shard; merge only the reports of --shard runs"
                )
            }
            if r.suiteHash != first.suiteHash {
                throw Failure(
                    description:
                        "report \(i + 1) (shard \(shard)) ran another cases file (suite \(r.suiteHash.prefix(12)) vs \(first.suiteHash.prefix(12))); run every shard on the same file"
                )
            }
            if r.variants != first.variants {
                throw Failure(
                    description:
                        "report \(i + 1) (shard \(shard)) ran other graphs (\(describe(r.variants)) vs \(describe(first.variants))); run every shard on the same graph files"
                )
            }
            if r.repeats != first.repeats {
                throw Failure(
                    description:
                        "report \(i + 1) (shard \(shard)) ran --repeat \(r.repeats), another ran --repeat \(first.repeats)"
                )
            }
            if shard.count != first.shard?.count {
                throw Failure(
                    description:
                        "report \(i + 1) is shard \(shard), another is shard \(first.shard.map(\.description) ?? "-"); all must split into the same number of shards"
                )
            }
            if !r.complete {
                throw Failure(
                    description: "report \(i + 1) (shard \(shard)) was stopped before it finished; run that shard again"
                )
            }
        }
        let count = first.shard!.count
        var byIndex: [Int: EvalReport] = [:]
        for r in reports {
            let index = r.shard!.index
            if byIndex[index] != nil { throw Failure(description: "shard \(index)/\(count) is given twice") }
            byIndex[index] = r
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            throw Failure(
                description:
                    "missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")); merge the reports of all \(count) shards"
            )
        }
        var seen: Set<String> = []
        for index in 1...count {
            for id in byIndex[index]!.caseIDs where !seen.insert(id).inserted {
                throw Failure(description: "case `\(id)` is in more than one shard")
            }
        }
        // Case k of the file is the (k / N)-th case of shard (k mod N) + 1: interleave them back.
        var caseIDs: [String] = []
        var k = 0
        while true {
            let shard = byIndex[k % count + 1]!
            guard k / count < shard.caseIDs.count else { break }
            caseIDs.append(shard.caseIDs[k / count])
            k += 1
        }
        if caseIDs.count != seen.count {
            throw Failure(
                description:
                    "the shards' cases do not interleave as --shard splits them; were they run on the same cases file?")
        }
        let position = Dictionary(uniqueKeysWithValues: caseIDs.enumerated().map { ($1, $0) })
        let variantOrder = Dictionary(uniqueKeysWithValues: first.variants.enumerated().map { ($1.name, $0) })
        let samples = reports.flatMap(\.samples).sorted {
            (variantOrder[$0.variant] ?? 0, position[$0.caseID] ?? 0, $0.sample) < (
                variantOrder[$1.variant] ?? 0, position[$1.caseID] ?? 0, $1.sample
            )
        }
        let ids = Set(reports.map(\.evalID))
        return EvalReport(
            evalID: ids.count == 1 ? first.evalID : UUID().uuidString.lowercased(),
            startedAt: reports.map(\.startedAt).min()!, finishedAt: reports.map(\.finishedAt).max()!,
            suiteHash: first.suiteHash, variants: first.variants, repeats: first.repeats, shard: nil, caseIDs: caseIDs,
            samples: samples, complete: true)
    }

    private static func describe(_ variants: [EvalReport.Variant]) -> String {
        variants.map { "\($0.name) \($0.graphHash.prefix(12))" }.joined(separator: ", ")
    }
}
