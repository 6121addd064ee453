import Foundation
import GRDB
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayStore

/// Issue 12: a 50 MB input left a 262 MB database and a 264 MB WAL (the value once per run
/// input, step input, step output and run output). Large values are stored once, by hash, and
/// a finished run leaves no large WAL.
@Suite("Store: large values")
struct LargeValueTests {
    /// text → j1 → … → j10 → out, each jq node passing the value on unchanged.
    static let chain: Graph = {
        var nodes = [node("text", .input), node("out", .output)]
        var wires = ["text -> j1", "j10 -> out"]
        for i in 1...10 {
            nodes.append(node("j\(i)", .jq, ["jq": "."]))
            if i > 1 { wires.append("j\(i - 1) -> j\(i)") }
        }
        return PatchbayTestSupport.graph(nodes, wires)
    }()

    /// a → outA, b → outB, c → outC, and a big array made from `n`.
    static let passThrough = PatchbayTestSupport.graph(
        [
            node("a", .input), node("b", .input), node("c", .input), node("n", .input),
            node("list", .jq, ["jq": "[range(0; .) | {i: ., s: \"item \\(.)\"}]"]),
            node("outA", .output), node("outB", .output), node("outC", .output), node("outList", .output),
        ],
        ["a -> outA", "b -> outB", "c -> outC", "n -> list", "list -> outList"])

    static let oneToOne = PatchbayTestSupport.graph([node("text", .input), node("out", .output)], ["text -> out"])

    /// `count` bytes of text with the characters that break naive storage: NUL (GRDB reads TEXT
    /// through a C string), CR LF, a right-to-left override, an emoji, and `é` written as `e` plus
    /// a combining accent, which Swift's `==` equates with the precomposed `é`.
    static func text(_ count: Int, seed: String, decomposed: Bool = false) -> String {
        let unit = "\(seed) \u{0}\r\n\u{202E}🙂 caf" + (decomposed ? "e\u{301}" : "\u{E9}") + " "
        // As many units either way, so the two spellings stay canonically equal.
        let units = count / "\(seed) \u{0}\r\n\u{202E}🙂 caf\u{E9} ".utf8.count + 1
        return String(repeating: unit, count: units)
    }

    static func count(_ table: String, _ store: RunStore) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Bytes the database holds, WAL content included (what the file grows to once checkpointed).
    static func logicalSize(_ store: RunStore) throws -> Int {
        try store.pool.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test("a 1 MB value through ten steps (22 copies in the rows) is stored once; a second run adds nothing")
    func storedOnce() async throws {
        let store = try StoreFixture.store()
        let value = Self.text(1 << 20, seed: "once")
        let result = try await StoreFixture.run(Self.chain, inputs: ["text": .string(value)], store: store)
        #expect(result.status == .succeeded)
        #expect(result.steps.count == 12)
        let size = try Self.logicalSize(store)
        print("1 MB through 10 steps: database \(size) bytes, \(try Self.count("blobs", store)) blob(s)")
        #expect(try Self.count("blobs", store) == 1)
        #expect(size < 2 * value.utf8.count, "the database holds \(size) bytes for one \(value.utf8.count)-byte value")
        _ = try await StoreFixture.run(Self.chain, inputs: ["text": .string(value)], store: store)
        #expect(try Self.count("blobs", store) == 1)
        #expect(try Self.count("run_blobs", store) == 2)
        #expect(try Self.logicalSize(store) < 2 * value.utf8.count)
    }

    @Test("large strings and arrays read back byte for byte, in history and through a replay")
    func roundTrip() async throws {
        let store = try StoreFixture.store()
        let a = Self.text(9000, seed: "a")
        // Canonically equal to `a` (so `==` says equal) but other bytes: must not share its blob.
        let b = Self.text(9000, seed: "a", decomposed: true)
        let c = Self.text(5000, seed: "c")
        #expect(a == b && Array(a.utf8) != Array(b.utf8))
        let inputs: [String: JSONValue] = ["a": .string(a), "b": .string(b), "c": .string(c), "n": 500]
        let result = try await StoreFixture.run(Self.passThrough, inputs: inputs, store: store)
        #expect(result.status == .succeeded)
        #expect(result.outputs["outList"]?.arrayValue?.count == 500)
        #expect(try Self.count("blobs", store) == 4, "a, b, c and the array")

        let stored = try store.run(result.runID)
        #expect(stored.result == result)
        #expect(stored.inputs == inputs && stored.outputs == result.outputs)
        #expect(stored.outputs["outA"]?.stringValue.map { Array($0.utf8) } == Array(a.utf8))
        #expect(stored.outputs["outB"]?.stringValue.map { Array($0.utf8) } == Array(b.utf8))
        #expect(stored.step("outB")?.inputs.values.first?.stringValue.map { Array($0.utf8) } == Array(b.utf8))
        #expect(stored.step("list")?.outputs == result.steps.first { $0.nodeID == "list" }?.outputs)
        // Small ports stay inline: `n` is in the column, not a blob.
        let row = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT inputs, inputs_blobs FROM runs WHERE id = ?", arguments: [result.runID])
        }
        #expect((row?["inputs"] as String?) == #"{"n":500}"#)
        #expect((row?["inputs_blobs"] as String?)?.contains(#""a":"s:"#) == true)

        // Replay uses the stored steps' outputs: the same values come out.
        let plan = try ExecutionPlan.build(
            Self.passThrough, path: "/tmp/fixture.graph.yaml", resolver: MemoryResolver([:]))
        let engine = Engine(
            environment: EngineEnvironment(
                models: ScriptedModelProvider.echo(), cache: MemoryStepCache(), journal: store.journal))
        let replay = try await engine.run(plan, inputs: stored.inputs, options: .replaying(stored.result))
        store.flush()
        #expect(replay.outputs == result.outputs)
        #expect(replay.outputs["outB"]?.stringValue.map { Array($0.utf8) } == Array(b.utf8))
        #expect(try store.run(replay.runID).outputs == result.outputs)
        #expect(try Self.count("blobs", store) == 4, "the replay stored nothing new")
    }

    @Test("gc deletes the large values only deleted runs used and keeps those a kept run uses")
    func gcBlobs() async throws {
        let store = try StoreFixture.store()
        let old = Self.text(6000, seed: "old only")
        let new = Self.text(6000, seed: "new only")
        let shared = Self.text(6000, seed: "shared")
        _ = try await StoreFixture.run(
            Self.passThrough, inputs: ["a": .string(old), "b": "x", "c": .string(shared), "n": 1], store: store)
        let kept = try await StoreFixture.run(
            Self.passThrough, inputs: ["a": .string(new), "b": "y", "c": .string(shared), "n": 1], store: store)
        #expect(try Self.count("blobs", store) == 3)
        let hash = { (text: String) in FileFingerprint(text: text).sha256 }

        let deleted = try store.gc(keep: 1)
        #expect(deleted.runsDeleted == 1)
        let left = try await store.pool.read { db in Set(try String.fetchAll(db, sql: "SELECT hash FROM blobs")) }
        #expect(left == [hash(new), hash(shared)])
        let stored = try store.run(kept.runID)
        #expect(stored.result == kept)
        #expect(stored.outputs["outC"] == .string(shared))

        _ = try store.gc(keep: 0)
        #expect(try Self.count("blobs", store) == 0 && Self.count("run_blobs", store) == 0)
    }

    @Test("a run of a 20 MB value leaves a WAL under the limit, not the value several times over")
    func walCheckpointed() async throws {
        let store = try StoreFixture.store()
        let value = Self.text(20 << 20, seed: "wal")
        let started = Date()
        let result = try await StoreFixture.run(Self.oneToOne, inputs: ["text": .string(value)], store: store)
        let seconds = Date().timeIntervalSince(started)
        #expect(result.status == .succeeded)
        let wal = Self.fileSize(store.path + "-wal")
        let db = Self.fileSize(store.path)
        print("20 MB value: \(String(format: "%.2f", seconds)) s, database \(db) bytes, WAL \(wal) bytes")
        #expect(wal < Int(StoreWriter.walLimit), "the WAL is \(wal) bytes after the run")
        #expect(db < 2 * value.utf8.count, "the database is \(db) bytes")
        #expect(try store.run("last").outputs["out"] == .string(value))
        #expect(seconds < 60, "took \(seconds) s")
    }
}
