import Foundation
import PatchbayCore
import Testing

@Suite("patchbay export")
struct ExportCommandTests {
    static let samples = ["text-stats", "summarize", "extract", "classify", "refine", "digest"]

    @Test("dot and mermaid output name every node of every sample", arguments: samples)
    func everyNode(sample: String) async throws {
        let path = CLI.sample("\(sample).graph.yaml")
        let graph = try GraphCodec.decode(String(contentsOfFile: path, encoding: .utf8), path: path).graph
        #expect(!graph.nodes.isEmpty)

        let dot = try await CLI.run(["export", path, "--format", "dot"])
        #expect(dot.status == 0, "\(dot)")
        #expect(dot.stdout.hasPrefix("digraph"), "\(dot)")
        for node in graph.nodes {
            #expect(dot.stdout.contains("\"\(node.id)\""), "dot lacks `\(node.id)`: \(dot)")
        }
        #expect(dot.stdout.components(separatedBy: " -> ").count - 1 == graph.wires.count, "one edge per wire: \(dot)")

        let mermaid = try await CLI.run(["export", path, "--format", "mermaid"])
        #expect(mermaid.status == 0, "\(mermaid)")
        #expect(mermaid.stdout.hasPrefix("flowchart"), "\(mermaid)")
        for node in graph.nodes {
            #expect(mermaid.stdout.contains(node.id), "mermaid lacks `\(node.id)`: \(mermaid)")
        }
    }

    @Test("an unknown format is a usage error")
    func unknownFormat() async throws {
        let r = try await CLI.run(["export", CLI.sample("text-stats.graph.yaml"), "--format", "svg"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("exporting an invalid graph exits 2")
    func invalidGraph() async throws {
        let dir = try Scratch.project(["bad.graph.yaml": "patchbay: 1\nnodes:\n  a:\n    kind: nope\n"])
        let r = try await CLI.run(["export", dir.appendingPathComponent("bad.graph.yaml").path, "--format", "dot"])
        #expect(r.status == 2, "\(r)")
    }
}

@Suite("patchbay nodes")
struct NodesCommandTests {
    @Test("lists every kind with its summary")
    func listsEveryKind() async throws {
        let r = try await CLI.run(["nodes"])
        #expect(r.status == 0, "\(r)")
        for kind in NodeKind.allCases {
            #expect(
                r.stdoutLines.contains { $0.hasPrefix(kind.rawValue + " ") && $0.contains(kind.spec.summary) },
                "`\(kind.rawValue)` not listed: \(r)")
        }
    }

    @Test(
        "describes one kind: every field, the ports and the example", arguments: [NodeKind.llm, .check, .map, .command])
    func describesKind(kind: NodeKind) async throws {
        let r = try await CLI.run(["nodes", kind.rawValue])
        #expect(r.status == 0, "\(r)")
        for field in kind.spec.allFields {
            #expect(r.stdout.contains("`\(field.name)`"), "field `\(field.name)` missing: \(r)")
        }
        for port in kind.spec.outputs {
            #expect(r.stdout.contains("`\(port.name)`"), "port `\(port.name)` missing: \(r)")
        }
        #expect(r.stdout.contains(kind.spec.example), "\(r)")
        #expect(r.stdout == NodeDocs.describe(kind.spec) + "\n", "the same text as docs/nodes.md")
    }

    @Test("an unknown kind exits 2 and lists the kinds")
    func unknownKind() async throws {
        let r = try await CLI.run(["nodes", "nope"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("nope"), "\(r)")
        #expect(r.stderr.contains("parse-json"), "\(r)")
    }
}

@Suite("patchbay usage errors")
struct UsageTests {
    @Test(
        "unknown flags, missing arguments and unknown commands exit 2",
        arguments: [
            ["run", "sample-graphs/text-stats.graph.yaml", "--no-such-flag"],
            ["run"],
            ["frobnicate"],
            ["fmt", "--check"],
            ["run", "sample-graphs/text-stats.graph.yaml", "--max-concurrency", "many"],
        ])
    func usageError(arguments: [String]) async throws {
        let r = try await CLI.run(arguments)
        #expect(r.status == 2, "\(r)")
        #expect(!r.stderr.isEmpty, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("--help and --version exit 0")
    func help() async throws {
        let help = try await CLI.run(["--help"])
        #expect(help.status == 0, "\(help)")
        for command in ["run", "step", "validate", "fmt", "export", "nodes", "trust"] {
            #expect(help.stdout.contains(command), "\(help)")
        }
        let version = try await CLI.run(["--version"])
        #expect(version.status == 0, "\(version)")
        #expect(!version.stdout.isEmpty)
    }
}
