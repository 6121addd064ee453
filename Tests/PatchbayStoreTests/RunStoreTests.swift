import Foundation
import GRDB
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayStore

@Suite("Run store")
struct RunStoreTests {
    @Test("the journal writes the run and its steps; they read back equal")
    func journalRoundTrip() async throws {
        let store = try StoreFixture.store()
        let result = try await StoreFixture.run(inputs: ["q": "boom"], store: store)
        #expect(result.status == .failed)
        let stored = try store.run(result.runID)
        #expect(stored.steps == result.steps)
        #expect(stored.steps.contains { $0.status == .failed && $0.error?.message.contains("it went boom") == true })
        #expect(stored.steps.contains { $0.usage != nil && $0.cost != nil && $0.cacheKey != nil })
        #expect(stored.summary.status == .failed)
        #expect(stored.summary.errorMessage == result.error?.message)
        #expect(stored.error == result.error)
        #expect(stored.inputs == ["q": "boom"])
        #expect(stored.outputs == result.outputs)
        #expect(stored.summary.stepCount == result.steps.count)
        #expect(stored.summary.executed == result.executedCount)
        #expect(stored.summary.usage == result.usage)
        #expect(stored.summary.cost == result.cost)
        #expect(stored.summary.graphPath == "/tmp/fixture.graph.yaml")
        #expect(stored.summary.title == "test")
        #expect(stored.graphText == GraphCodec.encode(StoredFixtureGraph.value))
        #expect(stored.result == result)
    }

    @Test("indexed step paths inside a map come back as they were")
    func mapPaths() async throws {
        let store = try StoreFixture.store()
        let result = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [1, 2, 3]], store: store)
        let stored = try store.run("last")
        #expect(stored.steps == result.steps)
        #expect(stored.step("each[2]/twice")?.outputs["value"] == 6)
    }

    @Test("runs lists newest first, filters by graph and honours the limit")
    func ordering() async throws {
        let store = try StoreFixture.store()
        var ids: [String] = []
        for i in 0..<4 { ids.append(try await StoreFixture.run(inputs: ["q": .string("n\(i)")], store: store).runID) }
        let other = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [1]], store: store)
        let all = try store.runs()
        #expect(all.map(\.id) == [other.runID] + ids.reversed())
        #expect(all.map(\.seq) == [5, 4, 3, 2, 1])
        #expect(try store.runs(limit: 2).map(\.id) == [other.runID, ids[3]])
        #expect(try store.runs(graphPath: "/tmp/fixture.graph.yaml").count == 5)
        #expect(try store.runs(graphPath: "/tmp/elsewhere.graph.yaml").isEmpty)
        // Both graphs ran from the same path but are different texts: two graph rows.
        #expect(Set(all.map(\.graphHash)).count == 2)
    }

    @Test("a running run whose process is gone is interrupted on open; its finished steps stay")
    func interrupted() async throws {
        let folder = try StoreFixture.folder()
        let path = folder.appendingPathComponent("patchbay.sqlite").path
        let store = try RunStore(path: path)
        let result = try await StoreFixture.run(inputs: ["q": "hi"], store: store)
        let deadPid = try Self.deadPid()
        try await store.pool.write { db in
            try db.execute(
                sql:
                    "UPDATE runs SET status = 'running', finished_at = NULL, step_count = 0, executed = 0, pid = ? WHERE id = ?",
                arguments: [deadPid, result.runID])
        }
        let live = try await StoreFixture.run(inputs: ["q": "live"], store: store)
        try await store.pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET status = 'running', pid = ? WHERE id = ?", arguments: [getpid(), live.runID])
        }
        // While running, totals are counted from the steps so far.
        #expect(try store.run(live.runID).summary.stepCount == live.steps.count)

        let reopened = try RunStore(path: path)
        let dead = try reopened.run(result.runID)
        #expect(dead.summary.status == .interrupted)
        #expect(dead.steps == result.steps)
        #expect(dead.summary.stepCount == result.steps.count)
        #expect(dead.summary.executed == result.executedCount)
        #expect(dead.summary.usage == result.usage)
        #expect(dead.summary.finishedAt != nil)
        #expect(
            try reopened.run(live.runID).summary.status == .running, "this process is alive: its run is not interrupted"
        )
    }

    @Test("a running run whose pid is alive but belongs to a process started at another time is interrupted")
    func reusedPid() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        let store = try RunStore(path: path)
        let mine = try await StoreFixture.run(inputs: ["q": "mine"], store: store)
        let reused = try await StoreFixture.run(inputs: ["q": "reused"], store: store)
        let rebooted = try await StoreFixture.run(inputs: ["q": "rebooted"], store: store)
        let start = ProcessIdentity.current.startTime ?? 0
        try await store.pool.write { db in
            // All three name this live process's pid; only `mine` also has its start time and boot.
            try db.execute(sql: "UPDATE runs SET status = 'running', pid = ?", arguments: [getpid()])
            try db.execute(sql: "UPDATE runs SET process_start = ? WHERE id = ?", arguments: [start + 1, reused.runID])
            try db.execute(sql: "UPDATE runs SET boot_id = 'another-boot' WHERE id = ?", arguments: [rebooted.runID])
        }
        let reopened = try RunStore(path: path)
        #expect(try reopened.run(mine.runID).summary.status == .running)
        #if os(Linux)
            #expect(try reopened.run(reused.runID).summary.status == .interrupted, "same pid, another process")
            #expect(try reopened.run(rebooted.runID).summary.status == .interrupted, "same pid, before a reboot")
        #else
            // Without /proc only the pid can be checked.
            #expect(try reopened.run(reused.runID).summary.status == .running)
        #endif
    }

    @Test("the start time is field 22 of /proc/PID/stat, counted after the command name's last parenthesis")
    func statParsing() {
        let fields = (3...30).map { $0 == 22 ? "987654" : "\($0)" }.joined(separator: " ")
        #expect(ProcessIdentity.parseStartTime(stat: "42 (a) b) c (d) " + fields) == 987654)
        #expect(ProcessIdentity.parseStartTime(stat: "42 (short) S 1 2") == nil)
        #expect(ProcessIdentity.parseStartTime(stat: "garbage") == nil)
    }

    @Test("records written after the store's writer closed are all committed, from several threads at once")
    func lateWrites() async throws {
        let store = try StoreFixture.store()
        store.writer.close()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let graph = i % 2 == 0 ? StoreFixture.graph : StoreFixture.mapGraph
                    let inputs: [String: JSONValue] = i % 2 == 0 ? ["q": .string("late \(i)")] : ["xs": [1, 2]]
                    return try await StoreFixture.run(graph, inputs: inputs, store: store).runID
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        let runs = try store.runs()
        #expect(Set(runs.map(\.id)) == ids)
        #expect(runs.allSatisfy { $0.status == .succeeded && $0.stepCount > 0 }, "\(runs)")
        #expect(store.writeFailure == nil)
        let graphs = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM graphs") }
        // The two graphs and the map's sub-graph, each once.
        #expect(graphs == 3)
    }

    @Test("a run is named by id, unique prefix, last or #seq; bad names say what to do")
    func references() async throws {
        let store = try StoreFixture.store()
        let first = try await StoreFixture.run(inputs: ["q": "a"], store: store)
        let second = try await StoreFixture.run(inputs: ["q": "b"], store: store)
        #expect(try store.run(first.runID).id == first.runID)
        #expect(try store.run(first.runID.uppercased()).id == first.runID)
        #expect(try store.run("last").id == second.runID)
        #expect(try store.run("#1").id == first.runID)
        #expect(
            try store.run(String(second.runID.prefix(Self.uniquePrefix(second.runID, first.runID)))).id == second.runID)

        let unknown = #expect(throws: RunStoreError.self) { try store.run("zzzz") }
        #expect(unknown?.message.contains("no run `zzzz` in this project (gc may have removed it") == true)
        #expect(unknown?.hint?.description.contains("patchbay runs") == true)
        let missingSeq = #expect(throws: RunStoreError.self) { try store.run("#9") }
        #expect(missingSeq?.message.contains("no run #9") == true)
        let notANumber = #expect(throws: RunStoreError.self) { try store.run("#x") }
        #expect(notANumber?.message.contains("not a run number") == true)

        // Two ids with a common prefix.
        try await store.pool.write { db in
            for id in ["abc123", "abc456"] {
                try db.execute(
                    sql:
                        "INSERT INTO runs (id, graph_hash, inputs, status, started_at) SELECT ?, graph_hash, '{}', 'succeeded', 0 FROM runs LIMIT 1",
                    arguments: [id])
            }
        }
        let ambiguous = #expect(throws: RunStoreError.self) { try store.run("abc") }
        #expect(ambiguous?.message.contains("ambiguous") == true)
        #expect(ambiguous?.message.contains("abc123") == true && ambiguous?.message.contains("abc456") == true)
        #expect(ambiguous?.hint?.description.contains("more characters") == true)
        #expect(try store.run("abc4").id == "abc456")

        let empty = try StoreFixture.store()
        let none = #expect(throws: RunStoreError.self) { try empty.run("last") }
        #expect(none?.message.contains("no runs yet") == true)
    }

    @Test("gc keeps the newest runs with their steps and drops unreferenced graphs")
    func gc() async throws {
        let store = try StoreFixture.store()
        _ = try await StoreFixture.run(StoreFixture.mapGraph, inputs: ["xs": [1, 2]], store: store)
        var kept: [String] = []
        for i in 0..<3 { kept.append(try await StoreFixture.run(inputs: ["q": .string("k\(i)")], store: store).runID) }
        let before = try store.run("#1").steps.count
        let (runs, steps) = try store.gc(keep: 3)
        #expect(runs == 1 && steps == before)
        #expect(Set(try store.runs().map(\.id)) == Set(kept))
        let counts = try await store.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM graphs"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM steps WHERE run_id NOT IN (SELECT id FROM runs)")
            )
        }
        #expect(counts.0 == 1 && counts.1 == 0)
        #expect(try store.run(kept[0]).steps.count > 0)
        let perRun = try store.run(kept[0]).steps.count
        #expect(try store.gc(keep: 10).runsDeleted == 0, "fewer runs than kept: nothing goes")
        let all = try store.gc(keep: 0)
        #expect(all.runsDeleted == 3 && all.stepsDeleted == 3 * perRun)
        #expect(try store.runs().isEmpty)
        #expect(throws: RunStoreError.self) { try store.gc(keep: -1) }
    }

    @Test("a result cached by one store instance is a hit for another on the same file")
    func cacheAcrossInstances() async throws {
        let path = try StoreFixture.folder().appendingPathComponent("patchbay.sqlite").path
        let model = ScriptedModelProvider.echo()
        let first = try RunStore(path: path)
        _ = try await StoreFixture.run(inputs: ["q": "hi"], store: first, models: model)
        let calls = model.calls
        #expect(calls == 1)

        let second = try RunStore(path: path)
        let again = try await StoreFixture.run(inputs: ["q": "hi"], store: second, models: model)
        #expect(model.calls == calls, "no model call: the second instance read the first one's cache")
        #expect(again.step("ask")?.status == .cached)
        let stats = try second.cacheStats()
        #expect(stats.entries == 1 && stats.hits == 1 && stats.bytes > 0, "only the llm step is cached: \(stats)")
        #expect(stats.oldest != nil && stats.newest != nil)

        #expect(try second.clearCache() == stats.entries)
        #expect(try second.cacheStats().entries == 0)
        _ = try await StoreFixture.run(inputs: ["q": "hi"], store: second, models: model)
        #expect(model.calls == calls + 1, "after clear, the node executes again")
    }

    @Test("evals are saved, listed newest first without reports, and found by id, prefix or last")
    func evals() throws {
        let store = try StoreFixture.store()
        let old = MigrationTests.eval(id: "eval-aaa1")
        var new = MigrationTests.eval(id: "eval-bbb2", startedAt: Date(timeIntervalSinceReferenceDate: 2000))
        new.report = #"{"cases":[]}"#
        try store.saveEval(old)
        try store.saveEval(new)
        let list = try store.evals()
        #expect(list.map(\.id) == ["eval-bbb2", "eval-aaa1"])
        #expect(list.allSatisfy { $0.report.isEmpty })
        var listed = list[1]
        listed.report = old.report
        #expect(listed == old)
        #expect(try store.eval("last") == new)
        #expect(try store.eval("eval-a") == old)
        #expect(try store.evals(limit: 1).count == 1)
        #expect(throws: RunStoreError.self) { try store.eval("eval-") }
        #expect(throws: RunStoreError.self) { try store.eval("nope") }
    }

    @Test("open(projectRoot:) makes .patchbay with a .gitignore that ignores everything")
    func projectFolder() throws {
        let root = try StoreFixture.folder()
        let store = try RunStore.open(projectRoot: root)
        #expect(store.path == root.appendingPathComponent(".patchbay/patchbay.sqlite").path)
        let ignore = try String(contentsOf: root.appendingPathComponent(".patchbay/.gitignore"), encoding: .utf8)
        #expect(ignore == "*\n")
    }

    /// A pid no process has: a child that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func uniquePrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count + 1
    }
}

enum StoredFixtureGraph {
    static let value = StoreFixture.graph
}
