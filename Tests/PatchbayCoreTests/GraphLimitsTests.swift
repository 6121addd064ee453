import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// Small files can describe enormous graphs: a chain of includes deeper than the stack, or files
/// that each include the next twice. Both are refused with the chain named, before any run.
@Suite struct GraphLimitsTests {
    /// The chain's files in a new folder; the root's path.
    static func chain(_ count: Int, width: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in IncludeChain.files(count, width: width) {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder.appendingPathComponent("g0.graph.yaml").path
    }

    static func check(_ path: String) throws -> (diagnostics: [Diagnostic], planError: GraphFileError?, seconds: Double)
    {
        let start = Date()
        let loader = GraphLoader()
        let document = try loader.load(path)
        let diagnostics = GraphValidator.validate(document, loader: loader)
        var planError: GraphFileError?
        do { _ = try ExecutionPlan.build(document.graph, path: path, resolver: loader) } catch let error
            as GraphFileError
        { planError = error }
        return (diagnostics, planError, Date().timeIntervalSince(start))
    }

    @Test func aChainDeeperThanTheLimitIsRefusedNotACrash() throws {
        // 1,500 crashed validation with a segmentation fault (the include walk recursed per file).
        let result = try Self.check(Self.chain(1_500, width: 1))
        let message = try #require(result.diagnostics.first { $0.message.contains("nest more than 64 files deep") })
        #expect(message.message.contains("g0.graph.yaml → g1.graph.yaml"))
        #expect(message.file?.hasSuffix("g63.graph.yaml") == true && message.location?.line == 4, "\(message)")
        #expect(result.planError != nil)
        print("1,500-deep chain refused in \(result.seconds) s")
    }

    @Test func includingTheNextFileTwiceThirtyTimesIsRefusedByExpandedSize() throws {
        // Validated "ok" in 0.3 s, then `run` grew past 3 GB working through 2^30 nodes.
        let result = try Self.check(Self.chain(30, width: 2))
        let message = try #require(
            result.diagnostics.first { $0.message.contains("more than the 100000") }, "\(result.diagnostics)")
        #expect(message.message.contains("g0.graph.yaml (`s0`) → g1.graph.yaml (`s0`)"), "\(message)")
        #expect(message.location?.line == 4, "located at the first sub-graph node's `graph:`: \(message)")
        #expect(result.planError?.description.contains("more than 100000 nodes") == true)
        #expect(result.seconds < 5, "linear in files, not in expanded nodes: \(result.seconds) s")
    }

    @Test func chainsWithinTheLimitsAreFine() throws {
        for (count, width) in [(60, 1), (12, 2)] {
            let result = try Self.check(Self.chain(count, width: width))
            #expect(result.diagnostics.isEmpty, "\(count)×\(width): \(result.diagnostics)")
            #expect(result.planError == nil)
        }
    }
}
