import Foundation
import GRDB
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayStore

/// What steps sent (`Step.prompt`) and the sub-graph files a run ran, through the store: read
/// back as recorded, kept once, and absent (not wrong) for runs stored before v5.
@Suite("Stored prompts and sub-graphs")
struct StoredPromptTests {
    /// q → framed (template) → ask (llm with a system text) → out.
    static let graph = PatchbayTestSupport.graph(
        [
            node("q", .input), node("framed", .template, ["template": "About {{q}}"]),
            node("ask", .llm, ["system": "Be brief.", "prompt": "Say {{text}}"]), node("out", .output),
        ],
        ["q -> framed", "framed.text -> ask.text", "ask.text -> out"])

    static func promptColumn(_ store: RunStore, _ runID: String, _ path: String) throws -> String? {
        try store.pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT prompt FROM steps WHERE run_id = ? AND path = ?", arguments: [runID, path])
        }
    }

    @Test("an llm step's messages and a template's text read back; the text is not stored twice")
    func promptsRoundTrip() async throws {
        let store = try StoreFixture.store()
        let result = try await StoreFixture.run(Self.graph, inputs: ["q": "cats"], store: store)
        let stored = try store.run(result.runID)
        #expect(stored.step("ask")?.prompt == result.step("ask")?.prompt)
        #expect(
            stored.step("ask")?.prompt
                == [
                    "messages": [
                        ["role": "system", "content": "Be brief."], ["role": "user", "content": "Say About cats"],
                    ]
                ])
        #expect(stored.step("framed")?.prompt == ["text": "About cats"])
        #expect(stored.step("q")?.prompt == nil)
        #expect(try Self.promptColumn(store, result.runID, "framed") == StoreCoding.promptIsOutputs)
        #expect(stored.steps == result.steps, "every step reads back as it was recorded")
    }

    @Test("a large rendered text is one blob, as before prompts were recorded")
    func largeTemplateTextIsStoredOnce() async throws {
        let store = try StoreFixture.store()
        let big = LargeValueTests.text(20_000, seed: "prompt")
        let g = PatchbayTestSupport.graph(
            [node("q", .input), node("framed", .template, ["template": "{{q}}"]), node("out", .output)],
            ["q -> framed", "framed.text -> out"])
        let result = try await StoreFixture.run(g, inputs: ["q": .string(big)], store: store)
        #expect(try store.run(result.runID).step("framed")?.prompt == ["text": .string(big)])
        #expect(try LargeValueTests.count("blobs", store) == 1)
    }

    @Test("the sub-graph files a run ran are kept once, by path, and gc removes them with their runs")
    func subgraphTextsAreStored() async throws {
        let store = try StoreFixture.store()
        let first = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [1, 2]], store: store)
        let second = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [3]], store: store)
        let stored = try store.run(first.runID)
        #expect(stored.subgraphs.count == 1)
        let (path, text) = try #require(stored.subgraphs.first)
        #expect(path.hasSuffix("double"), "\(path)")
        #expect(text == GraphCodec.encode(StoreFixture.double))
        #expect(try store.run(second.runID).subgraphs == stored.subgraphs)
        // Top graph and sub-graph: two texts for both runs.
        #expect(try LargeValueTests.count("graphs", store) == 2)
        _ = try store.gc(keep: 1)
        #expect(try LargeValueTests.count("graphs", store) == 2, "the kept run still names both")
        _ = try store.gc(keep: 0)
        #expect(try LargeValueTests.count("graphs", store) == 0)
        #expect(try LargeValueTests.count("run_subgraphs", store) == 0)
    }

    @Test("a sub-graph file inside the project is named by its path in the project")
    func subgraphPathIsProjectRelative() async throws {
        let root = try StoreFixture.folder()
        let store = try RunStore.open(projectRoot: root)
        let file = root.appendingPathComponent("bodies/double.graph.yaml").path
        let plan = try ExecutionPlan.build(
            StoreFixture.mapGraph.renamingSubgraph(to: file), path: root.appendingPathComponent("m.graph.yaml").path,
            resolver: MemoryResolver([file: StoreFixture.double]))
        let engine = Engine(
            environment: EngineEnvironment(models: ScriptedModelProvider.echo(), journal: store.journal))
        let result = try await engine.run(plan, inputs: ["xs": [1]])
        store.flush()
        #expect(Array(try store.run(result.runID).subgraphs.keys) == ["bodies/double.graph.yaml"])
        #expect(store.projectRoot == root.standardizedFileURL.path)
    }

    @Test("a v4 store upgrades to v5: its runs read back with no prompts or sub-graphs, new runs have both")
    func fromV4() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.v4)
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO graphs (hash, text, title) VALUES ('h4', 'patchbay: 1\nnodes: {}\n', 'Four')")
            try db.execute(
                sql: """
                    INSERT INTO runs (id, graph_path, graph_hash, inputs, status, started_at, finished_at, pid, origin,
                        outputs, step_count, executed)
                    VALUES ('v4-run', '/p/four.graph.yaml', 'h4', '{"q":"hi"}', 'succeeded', 100, 101, 1, 'run', '{}', 1, 1)
                    """)
            try db.execute(
                sql: """
                    INSERT INTO steps (run_id, seq, path, node, kind, status, inputs, outputs, started_at, duration, attempts)
                    VALUES ('v4-run', 0, 'ask', 'ask', 'llm', 'succeeded', '{"q":"hi"}', '{"text":"HI"}', 100, 0.5, 1)
                    """)
        }
        try queue.close()

        let reader = try RunStore(path: path, readOnly: true)
        let old = try reader.run("v4-run")
        #expect(old.steps.first?.outputs == ["text": "HI"] && old.steps.first?.prompt == nil)
        #expect(old.subgraphs.isEmpty)
        let store = try RunStore(path: path)
        #expect(try await store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }.contains(Schema.v5))
        let new = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [1]], store: store)
        #expect(try store.run(new.runID).subgraphs.count == 1)
        let asked = try await StoreFixture.run(Self.graph, inputs: ["q": "x"], store: store)
        #expect(try store.run(asked.runID).step("ask")?.prompt != nil)
    }
}

extension Graph {
    /// The graph with its map node's `graph:` naming `file`.
    fileprivate func renamingSubgraph(to file: String) -> Graph {
        var graph = self
        for i in graph.nodes.indices where graph.nodes[i].kind == .map {
            graph.nodes[i].fields["graph"] = .string(file)
        }
        return graph
    }
}
