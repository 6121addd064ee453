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
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"
            )
        }
        #expect(tables == ["blobs", "cache", "evals", "graphs", "run_blobs", "run_subgraphs", "runs", "steps"])
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == [Schema.v1, Schema.v2, Schema.v3, Schema.v4, Schema.v5])
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
            try db.execute(
                sql: "INSERT INTO graphs (hash, text, title) VALUES ('h1', 'patchbay: 1\nnodes: {}\n', 'Old')")
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
            try db.execute(
                sql:
                    "INSERT INTO cache (key, outputs, created_at, last_used, hits) VALUES ('k1', '{\"outputs\":{\"text\":\"HI\"}}', 100, 100, 2)"
            )
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
        let result = try await StoreFixture.run(
            inputs: ["q": "new"], store: store, options: MigrationTests.evalOptions())
        #expect(try store.runs(evalID: "e1").map(\.id) == [result.runID])
        #expect(try store.runs(evalID: "e1").first?.sample == 2)
    }

    @Test("a v2 store with an eval and its runs upgrades to v3: new indexes, process columns, data kept")
    func fromV2() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.v2)
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO graphs (hash, text, title) VALUES ('h2', 'patchbay: 1\nnodes: {}\n', 'Two')")
            // A run left running by a process that is gone: v2 knew only its pid.
            try db.execute(
                sql: """
                    INSERT INTO runs (id, graph_path, graph_hash, inputs, status, started_at, pid, origin, eval_id, case_id, sample)
                    VALUES ('v2-run', '/p/two.graph.yaml', 'h2', '{}', 'running', 100, ?, 'eval', 'e2', 'c1', 3)
                    """, arguments: [try RunStoreTests.deadPid()])
            try db.execute(
                sql: """
                    INSERT INTO evals (id, graph_path, variants, cases, repeats, samples, passed, pass_rate, lower, upper,
                        started_at, finished_at, report)
                    VALUES ('e2', '/p/two.graph.yaml', '[]', 1, 1, 1, 1, 1, 0.2, 1, 100, 101, '{"v":2}')
                    """)
        }
        try queue.close()

        let store = try RunStore(path: path)
        let indexes = try await store.pool.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        }
        #expect(indexes == ["runs_by_eval", "runs_by_graph", "runs_by_graph_hash", "runs_running"])
        let columns = try await store.pool.read { db in try db.columns(in: "runs").map(\.name) }
        #expect(columns.contains("process_start") && columns.contains("boot_id"))
        let run = try store.run("v2-run")
        #expect(run.summary.status == .interrupted, "an old row without a start time is judged by its pid alone")
        #expect(run.summary.origin.evalID == "e2" && run.summary.sample == 3)
        #expect(try store.eval("e2").report == #"{"v":2}"#)
        // A run written after the upgrade records its process.
        let result = try await StoreFixture.run(inputs: ["q": "new"], store: store)
        let process = try store.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT pid, process_start, boot_id FROM runs WHERE id = ?", arguments: [result.runID])
        }
        #expect(process?["pid"] == Int64(getpid()))
        #if os(Linux)
            #expect(
                (process?["process_start"] as Int64?) == ProcessIdentity.current.startTime
                    && ProcessIdentity.current.startTime != nil)
            #expect(
                (process?["boot_id"] as String?) == ProcessIdentity.currentBootID
                    && ProcessIdentity.currentBootID != nil)
        #endif
    }

    @Test(
        "a v3 store whose rows hold large values inline upgrades to v4: old runs read back, new ones share blobs, gc works"
    )
    func fromV3() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.v3)
        let big = LargeValueTests.text(8000, seed: "v3")
        let bigJSON = JSONValue.string(big).compactJSON
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO graphs (hash, text, title) VALUES ('h3', 'patchbay: 1\nnodes: {}\n', 'Three')")
            try db.execute(
                sql: """
                    INSERT INTO runs (id, graph_path, graph_hash, inputs, status, started_at, finished_at, pid, origin,
                        outputs, step_count, executed, process_start, boot_id)
                    VALUES ('v3-run', '/p/three.graph.yaml', 'h3', ?, 'succeeded', 100, 101, 1, 'run', ?, 1, 1, 5, 'boot')
                    """, arguments: [#"{"text":\#(bigJSON)}"#, #"{"out":\#(bigJSON)}"#])
            try db.execute(
                sql: """
                    INSERT INTO steps (run_id, seq, path, node, kind, status, inputs, outputs, started_at, duration, attempts)
                    VALUES ('v3-run', 0, 'out', 'out', 'output', 'succeeded', ?, ?, 100, 0.5, 1)
                    """, arguments: [#"{"value":\#(bigJSON)}"#, #"{"value":\#(bigJSON)}"#])
        }
        try queue.close()

        let store = try RunStore(path: path)
        #expect(try await store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }.contains(Schema.v4))
        let old = try store.run("v3-run")
        #expect(old.inputs == ["text": .string(big)] && old.outputs == ["out": .string(big)])
        #expect(old.steps.first?.outputs == ["value": .string(big)])
        #expect(old.summary.title == "Three")
        // A new run of the same value stores it once, as a blob, beside the old inline rows.
        let new = try await StoreFixture.run(
            LargeValueTests.oneToOne, inputs: ["text": .string(big)], store: store)
        #expect(try store.run(new.runID).outputs == ["out": .string(big)])
        #expect(try LargeValueTests.count("blobs", store) == 1)
        // The old run goes without touching the new run's blob; then the new one and its blob.
        #expect(try store.gc(keep: 1).runsDeleted == 1)
        #expect(try LargeValueTests.count("blobs", store) == 1)
        #expect(try store.run(new.runID).inputs == ["text": .string(big)])
        #expect(try store.gc(keep: 0).runsDeleted == 1)
        #expect(try LargeValueTests.count("blobs", store) == 0)
    }

    @Test("history queries and gc are answered by indexes, not scans and sorts")
    func queryPlans() async throws {
        let store = try StoreFixture.store()
        _ = try await StoreFixture.run(inputs: ["q": "hi"], store: store)
        func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
            try store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { row in
                    row["detail"] as String
                }
            }
        }
        // Newest first: a walk down the primary key, no sort.
        let recent = try plan(RunStore.recentRunsSQL, [20])
        #expect(recent.contains("SCAN r") && !recent.contains { $0.contains("TEMP B-TREE") }, "\(recent)")
        let byGraph = try plan(RunStore.graphRunsSQL, ["/p/g.graph.yaml", 20])
        #expect(byGraph.contains { $0.contains("USING INDEX runs_by_graph (graph_path=?)") }, "\(byGraph)")
        #expect(!byGraph.contains { $0.contains("TEMP B-TREE") }, "\(byGraph)")
        let prefix = try plan(RunStore.prefixSQL, ["ab", "ab\u{10FFFF}"])
        #expect(
            prefix.contains { $0.contains("USING COVERING INDEX sqlite_autoindex_runs_1 (id>? AND id<?)") }, "\(prefix)"
        )
        let doomed = try plan("DELETE FROM steps WHERE run_id IN (\(RunStore.doomedRunsSQL))", [5])
        #expect(doomed.contains { $0.contains("SEARCH runs USING INTEGER PRIMARY KEY (rowid<?)") }, "\(doomed)")
        #expect(doomed.contains { $0.contains("SEARCH steps USING PRIMARY KEY (run_id=?)") }, "\(doomed)")
        let graphs = try plan(RunStore.orphanGraphsSQL, [])
        #expect(graphs.contains { $0.contains("USING COVERING INDEX runs_by_graph_hash (graph_hash=?)") }, "\(graphs)")
        #expect(
            graphs.contains { $0.contains("USING COVERING INDEX run_subgraphs_by_hash (graph_hash=?)") }, "\(graphs)")
        let blobs = try plan(RunStore.orphanBlobsSQL, [])
        #expect(blobs.contains { $0.contains("USING COVERING INDEX run_blobs_by_hash (hash=?)") }, "\(blobs)")
        let links = try plan("DELETE FROM run_blobs WHERE run_id IN (\(RunStore.doomedRunsSQL))", [5])
        #expect(links.contains { $0.contains("SEARCH run_blobs USING PRIMARY KEY (run_id=?)") }, "\(links)")
    }

    static func eval(id: String, startedAt: Date = Date(timeIntervalSinceReferenceDate: 1000)) -> EvalRecord {
        EvalRecord(
            id: id, graphPath: "/p/g.graph.yaml", variants: ["/p/v.graph.yaml"], cases: 3, repeats: 2, samples: 6,
            passed: 5,
            passRate: 5.0 / 6, lower: 0.4, upper: 0.97, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval(9), report: "{}")
    }

    static func evalOptions() -> RunOptions {
        var options = RunOptions()
        options.sampleIndex = 2
        options.origin = RunOrigin(kind: .eval, evalID: "e1", caseID: "case-1")
        return options
    }
}
