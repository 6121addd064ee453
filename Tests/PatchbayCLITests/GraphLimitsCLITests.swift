import Foundation
import Testing

/// `validate` and `run` on include chains past `GraphLimits`: exit 2 at once, located, the chain
/// named; never a segmentation fault or gigabytes of work.
@Suite struct GraphLimitsCLITests {
    static func files(_ count: Int, width: Int) -> [String: String] {
        var files: [String: String] = [:]
        for i in 0..<count {
            var text = "patchbay: 1\nnodes:\n  x: { kind: input, type: string }\n"
            var wires = ["x -> y"]
            if i < count - 1 {
                for w in 0..<width { text += "  s\(w): { kind: graph, graph: g\(i + 1).graph.yaml }\n" }
                wires = (0..<width).map { w in "\(w == 0 ? "x" : "s\(w - 1).y") -> s\(w).x" } + ["s\(width - 1).y -> y"]
            }
            files["g\(i).graph.yaml"] = text + "  y: { kind: output }\nwires:\n" + wires.map { "  - \($0)\n" }.joined()
        }
        return files
    }

    @Test(arguments: [(1_500, 1, "g63.graph.yaml:4:", "nest more than 64 files deep"), (30, 2, "g0.graph.yaml:4:", "more than the 100000")])
    func refusedAtOnce(count: Int, width: Int, location: String, message: String) async throws {
        let project = try Scratch.project(Self.files(count, width: width))
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
