import Foundation
import PatchbayTestSupport
import Testing

/// `validate` and `run` on include chains past `GraphLimits`: exit 2 at once, located, the chain
/// named; never a segmentation fault or gigabytes of work.
@Suite struct GraphLimitsCLITests {
    @Test(arguments: [
        (1_500, 1, "g63.graph.yaml:4:", "nest more than 64 files deep"),
        (30, 2, "g0.graph.yaml:4:", "more than the 100000"),
    ])
    func refusedAtOnce(count: Int, width: Int, location: String, message: String) async throws {
        let project = try Scratch.project(IncludeChain.files(count, width: width))
        for arguments in [["validate", "g0.graph.yaml"], ["run", "g0.graph.yaml", "--input", "x=hi", "--no-store"]] {
            let start = Date()
            let result = try await CLI.run(arguments, in: project, timeout: 30)
            let seconds = Date().timeIntervalSince(start)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains(location) && result.stderr.contains(message), "\(arguments): \(result)")
            #expect(seconds < 10, "\(arguments) took \(seconds) s")
        }
    }
}
