import Foundation
import Testing

/// Typed hints reach the command line in its own words (flags and commands), on every path a
/// library error takes to stderr, not only the ones the CLI formats itself.
@Suite struct HintWordingCLITests {
    static let constant = """
        patchbay: 1
        nodes:
          fixed: { kind: template, template: 'fixed text' }
          out: { kind: output, type: string }
        wires:
          - fixed.text -> out
        """

    @Test func anOutsideSubgraphSaysHowToTrustWithTheCommandAndTheFlag() async throws {
        let outer = try Scratch.make("outer")
        let root = try Scratch.project(
            ["main.graph.yaml": TrustBoundaryTests.includer("../other.graph.yaml")], in: outer)
        let main = root.appendingPathComponent("main.graph.yaml").path
        for command in [["validate", main], ["run", main, "--input", "question=hi"]] {
            let r = try await CLI.run(command)
            #expect(r.status == 2, "\(command): \(r)")
            #expect(r.stderr.contains("hint: read it, then trust it: `patchbay trust \(main)`"), "\(command): \(r)")
            #expect(r.stderr.contains("--trust when it is the graph you run"), "\(command): \(r)")
        }
    }

    @Test func aStoreThatCannotBeCreatedNamesNoStore() async throws {
        let root = try Scratch.make("blocked-store")
        try Data("[limits]\n".utf8).write(to: root.appendingPathComponent("patchbay.toml"))
        try Data(Self.constant.utf8).write(to: root.appendingPathComponent("c.graph.yaml"))
        // A file where the store's folder goes: creating the store fails, even as root.
        try Data("not a folder".utf8).write(to: root.appendingPathComponent(".patchbay"))
        let r = try await CLI.run(["run", "c.graph.yaml"], in: root)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "fixed text\n", "\(r)")
        #expect(r.stderr.contains("run history and the step cache are off"), "\(r)")
        #expect(r.stderr.contains("or run with --no-store"), "\(r)")
    }
}
