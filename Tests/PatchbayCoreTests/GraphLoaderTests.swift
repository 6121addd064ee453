import Foundation
import Testing

@testable import PatchbayCore

@Suite struct GraphLoaderTests {
    static let leaf = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string, description: What to ask }
          answer: { kind: output, type: string }
        wires:
          - question -> answer
        """

    @Test func cachesEachFileByItsAbsolutePath() throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write("a/leaf.graph.yaml", Self.leaf)
        let loader = GraphLoader()
        let first = try loader.load(path)
        #expect(first.path == path)
        #expect(first.graph.nodes.map(\.id) == ["question", "answer"])
        // Another spelling of the same file is a cache hit: it is not read again.
        try FileManager.default.removeItem(atPath: path)
        let again = try loader.load(fixture.folder + "/a/./../a//leaf.graph.yaml")
        #expect(again.graph == first.graph && again.path == path)
        // Until it is forgotten.
        loader.invalidate(path)
        #expect(throws: GraphFileError.self) { try loader.load(path) }
    }

    @Test func reportsAFileThatCannotBeLoaded() throws {
        let fixture = try ValidationFixture()
        let error = try #require(throws: GraphFileError.self) {
            try GraphLoader().load(fixture.folder + "/none.graph.yaml")
        }
        #expect(error.diagnostics.first?.file == fixture.folder + "/none.graph.yaml")
    }

    @Test func subgraphPathsAreRelativeToTheReferringFile() throws {
        let fixture = try ValidationFixture()
        try fixture.write("flows/parts/leaf.graph.yaml", Self.leaf)
        try fixture.write(
            "flows/mid.graph.yaml", "patchbay: 1\nnodes:\n  ask: { kind: graph, graph: parts/leaf.graph.yaml }\n")
        let root = try fixture.write(
            "main.graph.yaml", "patchbay: 1\nnodes:\n  step: { kind: graph, graph: flows/mid.graph.yaml }\n")
        let loader = GraphLoader()
        let main = try loader.load(root)
        let mid = try loader.subgraph(of: try #require(main.graph["step"]), in: main).get()
        #expect(mid.path == fixture.folder + "/flows/mid.graph.yaml")
        let leaf = try loader.subgraph(of: try #require(mid.graph["ask"]), in: mid).get()
        #expect(leaf.path == fixture.folder + "/flows/parts/leaf.graph.yaml")
        #expect(leaf.graph.nodes.count == 2)
    }

    @Test func aRelativeRootKeepsRelativePathsForMessages() throws {
        let fixture = try ValidationFixture()
        try fixture.write("sub/leaf.graph.yaml", Self.leaf)
        try fixture.write(
            "main.graph.yaml", "patchbay: 1\nnodes:\n  step: { kind: graph, graph: sub/leaf.graph.yaml }\n")
        let loader = GraphLoader()
        let main = try loader.load(fixture.folder + "/main.graph.yaml")
        var relative = main
        relative.path = "main.graph.yaml"
        // Resolved against the current directory, as the CLI would with `patchbay validate main.graph.yaml`.
        let step = try #require(main.graph["step"])
        #expect(loader.subgraphPath(of: step, in: relative) == "sub/leaf.graph.yaml")
        #expect(loader.subgraphPath(of: step, in: main) == fixture.folder + "/sub/leaf.graph.yaml")
    }

    @Test func aMissingSubgraphIsADiagnosticAtTheGraphField() throws {
        let fixture = try ValidationFixture()
        let root = try fixture.write(
            "main.graph.yaml", "patchbay: 1\nnodes:\n  step:\n    kind: map\n    graph: gone.graph.yaml\n")
        let loader = GraphLoader()
        let main = try loader.load(root)
        let result = loader.subgraph(of: try #require(main.graph["step"]), in: main)
        guard case .failure(let d) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(d.file == root && d.location == at(5, 5) && d.node == "step")
        #expect(d.message.contains("looked for \(fixture.folder)/gone.graph.yaml"))
        #expect(d.hint?.description.contains("relative to \(fixture.folder)") == true)
    }

    @Test func theResolverGivesNodesTheirSubgraphsPorts() throws {
        let fixture = try ValidationFixture()
        try fixture.write("leaf.graph.yaml", Self.leaf)
        let root = try fixture.write(
            "main.graph.yaml",
            "patchbay: 1\nnodes:\n  call: { kind: graph, graph: leaf.graph.yaml }\n  bad: { kind: graph, graph: nope.graph.yaml }\n"
        )
        let loader = GraphLoader()
        let main = try loader.load(root)
        let resolver = loader.subgraphResolver(for: main)
        let ports = NodePorts.resolve(try #require(main.graph["call"]), subgraph: resolver)
        #expect(ports.inputs.map(\.name) == ["question"] && ports.inputs[0].type == .string)
        #expect(ports.outputs.map(\.name) == ["answer"])
        #expect(resolver(try #require(main.graph["bad"])) == nil)
    }

    @Test func theTreeLoadsEachFileOnceAndFindsIncludeChains() throws {
        let fixture = try ValidationFixture()
        try fixture.write("leaf.graph.yaml", Self.leaf)
        // a uses b twice and the leaf; b uses c; c uses b: one cycle b → c → b.
        try fixture.write("b.graph.yaml", "patchbay: 1\nnodes:\n  c: { kind: graph, graph: c.graph.yaml }\n")
        try fixture.write(
            "c.graph.yaml",
            "patchbay: 1\nnodes:\n  b: { kind: graph, graph: b.graph.yaml }\n  leaf: { kind: graph, graph: leaf.graph.yaml }\n"
        )
        let root = try fixture.write(
            "a.graph.yaml",
            """
            patchbay: 1
            nodes:
              one: { kind: graph, graph: b.graph.yaml }
              two: { kind: graph, graph: ./b.graph.yaml }
              leaf: { kind: graph, graph: leaf.graph.yaml }
            """)
        let loader = GraphLoader()
        let tree = loader.tree(from: try loader.load(root))
        let names = tree.documents.compactMap { $0.path.map { ($0 as NSString).lastPathComponent } }
        #expect(names == ["a.graph.yaml", "b.graph.yaml", "c.graph.yaml", "leaf.graph.yaml"])
        #expect(tree.diagnostics.count == 1)
        let d = try #require(tree.diagnostics.first)
        #expect(d.message.hasSuffix("includes itself: b.graph.yaml → c.graph.yaml → b.graph.yaml"))
        #expect(d.file == fixture.folder + "/c.graph.yaml" && d.node == "b" && d.location == at(3, 21))
    }

    @Test func registeredDocumentsStandInForFiles() throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write("leaf.graph.yaml", Self.leaf)
        let loader = GraphLoader()
        var edited = try loader.load(path)
        edited.graph.nodes.removeLast()
        loader.register(edited)
        #expect(try loader.load(path).graph.nodes.map(\.id) == ["question"])
    }

    @Test func loadsConcurrentlyToOneCachedDocument() async throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write("leaf.graph.yaml", Self.leaf)
        let loader = GraphLoader()
        let fingerprints = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try loader.load(path).fingerprint.sha256 } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(fingerprints.count == 1)
    }
}

@Suite struct GraphLoaderResolverTests {
    @Test func resolvesSubgraphsForTheEngine() throws {
        let fixture = try ValidationFixture()
        try fixture.write("parts/leaf.graph.yaml", GraphLoaderTests.leaf)
        try fixture.write("parts/broken.graph.yaml", "patchbay: 1\nnodes: [\n")
        let root = fixture.folder + "/main.graph.yaml"
        let loader = GraphLoader()
        let (graph, path) = try loader.subgraph(
            for: Node(id: "x", kind: .graph, fields: ["graph": "parts/leaf.graph.yaml"]), in: root)
        #expect(path == fixture.folder + "/parts/leaf.graph.yaml" && graph.nodes.count == 2)
        // Nested paths resolve against the returned path.
        let again = try loader.subgraph(
            for: Node(id: "y", kind: .graph, fields: ["graph": "leaf.graph.yaml"]), in: path)
        #expect(again.path == path)

        let missing = try #require(throws: GraphFileError.self) {
            try loader.subgraph(for: Node(id: "m", kind: .map, fields: ["graph": "nope.graph.yaml"]), in: root)
        }
        #expect(missing.diagnostics.count == 1 && missing.diagnostics[0].message.contains("not found"))
        // A broken file throws its own diagnostics, with its path.
        let broken = try #require(throws: GraphFileError.self) {
            try loader.subgraph(
                for: Node(id: "b", kind: .graph, fields: ["graph": "parts/broken.graph.yaml"]), in: root)
        }
        #expect(broken.diagnostics.allSatisfy { $0.file == fixture.folder + "/parts/broken.graph.yaml" })
    }
}
