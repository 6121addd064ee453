import Foundation
import PatchbayTestSupport
import Testing

/// A model server that never stops sending, seen from `run`: the llm step fails at `value_bytes`
/// with the alias, URL and limit named, quickly, having read little past the limit of a 2 GiB
/// flood. Before, one endless SSE line (or a JSON body without newlines) was held whole: memory
/// grew with everything the server sent.
@Suite("patchbay run against a flooding model server")
struct ProviderFloodCLITests {
    static let flood = 2 << 30
    static let question = ["--input", "question=hi"]

    @Test("one endless SSE line fails the step at value_bytes, naming alias, URL and limit")
    func endlessLine() async throws {
        let server = try await FaultServer.start(.init(faults: [.flood(.line, bytes: Self.flood)]))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let clock = ContinuousClock()
        let start = clock.now
        let r = try await project.run(["run", project.graph, "--limit", "value_bytes=1MiB"] + Self.question)
        let elapsed = clock.now - start
        #expect(r.status == 1, "\(r)")
        #expect(
            r.stderr.contains(
                "fault for alias `default` at \(server.baseURL) sent a single event-stream line over the value_bytes limit (1048576 bytes)"
            ), "\(r)")
        #expect(r.stderr.contains("`--limit value_bytes=2097152`"), "how to raise it: \(r)")
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        #expect(server.floodedBytes < (1 << 20) + (64 << 20), "read \(server.floodedBytes) bytes of the flood")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(r)")
    }

    @Test("an answer that never ends is stopped by the llm node's own value_bytes count, with its message")
    func endlessAnswer() async throws {
        let server = try await FaultServer.start(.init(faults: [.flood(.answer, bytes: Self.flood)]))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["run", project.graph, "--limit", "value_bytes=64KiB"] + Self.question)
        #expect(r.status == 1, "\(r)")
        // The node's message (it names the node), not the provider's: both count the same bytes.
        #expect(
            r.stderr.contains("the answer of `ask` passed the value_bytes limit (65536 bytes) while streaming"), "\(r)")
        #expect(server.floodedBytes < 300 * (64 << 10) + (64 << 20), "read \(server.floodedBytes) bytes of the flood")
    }
}
