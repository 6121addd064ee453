import Foundation
import GRDB
import PatchbayCore
import Testing

@testable import PatchbayStore

@Suite("Store migrations")
struct MigrationTests {
    @Test("an empty file gets every table, and a second open changes nothing")
    func fromEmpty() throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try RunStore(path: path)
        let tables = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["cache", "evals", "graphs", "runs", "steps"])
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == [Schema.v1, Schema.v2])
        let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try RunStore(path: path).runs().isEmpty)
    }

    @Test("a v1 store with runs, steps and cache upgrades in place and keeps them")
    func fromV1() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        // The previous schema, with data written the way v1 wrote it.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.v1)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO graphs (hash, text, title) VALUES ('h1', 'patchbay: 1\nnodes: {}\n', 'Old')")
            try db.execute(
                sql: """
                    INSERT INTO runs (id, graph_path, graph_hash, inputs, status, started_at, finished_at, pid, origin,
                        outputs, step_count, executed, input_tokens, output_tokens, cost)
                    VALUES ('0ld-run', '/p/old.graph.yaml', 'h1', '{"q":"hi"}', 'succeeded', 100, 101.5, 1, 'run',
                        '{"out":"HI"}', 1, 1, 3, 4, 0.5)
                    """)
            try db.execute(
                sql: """
                    INSERT INTO steps (run_id, seq, path, node, kind, status, inputs, outputs, started_at, duration,
                        input_tokens, output_tokens, cost, attempts, cache_key)
                    VALUES ('0ld-run', 0, 'ask', 'ask', 'llm', 'succeeded', '{"q":"hi"}', '{"text":"HI"}', 100, 1.5, 3, 4, 0.5, 1, 'k1')
                    """)
            try db.execute(sql: "INSERT INTO cache (key, outputs, created_at, last_used, hits) VALUES ('k1', '{\"outputs\":{\"text\":\"HI\"}}', 100, 100, 2)")
        }
        try queue.close()

        let store = try RunStore(path: path)
        let run = try store.run("0ld")
        #expect(run.summary.status == .succeeded)
        #expect(run.summary.sample == 0 && run.summary.origin.evalID == nil)
        #expect(run.summary.title == "Old")
        #expect(run.summary.usage == TokenUsage(inputTokens: 3, outputTokens: 4))
        #expect(run.summary.duration == 1.5)
        #expect(run.inputs == ["q": "hi"] && run.outputs == ["out": "HI"])
        #expect(run.steps.count == 1)
        #expect(run.steps.first?.outputs == ["text": "HI"])
        #expect(run.steps.first?.usage == TokenUsage(inputTokens: 3, outputTokens: 4))
        #expect(store.cache.lookup("k1")?.outputs == ["text": "HI"])
        #expect(try store.cacheStats().entries == 1)
        // What v2 adds works on the upgraded file.
        try store.saveEval(MigrationTests.eval(id: "e1"))
        #expect(try store.eval("e1").report == "{}")
        let result = try await StoreFixture.run(inputs: ["q": "new"], store: store, options: MigrationTests.evalOptions())
        #expect(try store.runs(evalID: "e1").map(\.id) == [result.runID])
        #expect(try store.runs(evalID: "e1").first?.sample == 2)
    }

    static func eval(id: String, startedAt: Date = Date(timeIntervalSinceReferenceDate: 1000)) -> EvalRecord {
        EvalRecord(
            id: id, graphPath: "/p/g.graph.yaml", variants: ["/p/v.graph.yaml"], cases: 3, repeats: 2, samples: 6, passed: 5,
            passRate: 5.0 / 6, lower: 0.4, upper: 0.97, startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(9), report: "{}")
    }

    static func evalOptions() -> RunOptions {
        var options = RunOptions()
        options.sampleIndex = 2
        options.origin = RunOrigin(kind: .eval, evalID: "e1", caseID: "case-1")
        return options
    }
}
