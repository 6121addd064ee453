import Foundation
import GRDB
import PatchbayCore

extension RunStore {
    /// Recent runs, newest first; with `graphPath`, only that graph's (matched as an absolute path).
    public func runs(graphPath: String? = nil, limit: Int = 20) throws -> [RunSummary] {
        try wrap {
            try pool.read { db in
                let rows: [Row]
                if let graphPath {
                    let absolute = URL(fileURLWithPath: graphPath).standardizedFileURL.path
                    rows = try Row.fetchAll(db, sql: Self.graphRunsSQL, arguments: [absolute, max(limit, 0)])
                } else {
                    rows = try Row.fetchAll(db, sql: Self.recentRunsSQL, arguments: [max(limit, 0)])
                }
                return try rows.map { try Self.summary($0, db) }
            }
        }
    }

    // The history queries, each answered by an index (MigrationTests checks their plans): the
    // newest runs walk the primary key backwards, one graph's runs use `runs_by_graph`, a
    // prefix uses the unique index on `id`.
    static let recentRunsSQL =
        "SELECT \(StoreCoding.summaryColumns) \(StoreCoding.summaryFrom) ORDER BY r.seq DESC LIMIT ?"
    static let graphRunsSQL =
        "SELECT \(StoreCoding.summaryColumns) \(StoreCoding.summaryFrom) WHERE r.graph_path = ? ORDER BY r.seq DESC LIMIT ?"
    static let prefixSQL = "SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY seq DESC LIMIT 6"

    /// The runs of one eval, in the order they started.
    public func runs(evalID: String) throws -> [RunSummary] {
        try wrap {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql:
                        "SELECT \(StoreCoding.summaryColumns) \(StoreCoding.summaryFrom) WHERE r.eval_id = ? ORDER BY r.seq",
                    arguments: [evalID]
                ).map { try Self.summary($0, db) }
            }
        }
    }

    /// One run in full. `ref` is a run id, a unique prefix of one, `last`, or `#SEQ`.
    public func run(_ ref: String) throws -> StoredRun {
        try wrap {
            try pool.read { db in
                let id = try Self.resolve(ref, db, path: path)
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT \(StoreCoding.summaryColumns), r.inputs, r.outputs, r.inputs_blobs, r.outputs_blobs,
                                g.text AS graph_text \(StoreCoding.summaryFrom) WHERE r.id = ?
                            """,
                        arguments: [id])
                else { throw RunStoreError("no run `\(ref)` in \(path)") }
                let blobs = BlobReader(db, storePath: path)
                let steps = try Row.fetchAll(
                    db, sql: "SELECT \(StoreCoding.stepColumns) FROM steps WHERE run_id = ? ORDER BY seq",
                    arguments: [id]
                ).map { row in try StoreCoding.step(row, runID: id, blobs: blobs) }
                let subgraphs = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT s.path, g.text FROM run_subgraphs s JOIN graphs g ON g.hash = s.graph_hash WHERE s.run_id = ?",
                    arguments: [id])
                return StoredRun(
                    summary: try Self.summary(row, db),
                    inputs: try blobs.ports(
                        json: row["inputs"], blobs: row["inputs_blobs"], owner: "run \(id) (its inputs)"),
                    outputs: try blobs.ports(
                        json: row["outputs"], blobs: row["outputs_blobs"], owner: "run \(id) (its outputs)"),
                    error: StoreCoding.error(row["error"]),
                    graphText: row["graph_text"] ?? "", steps: steps,
                    subgraphs: Dictionary(subgraphs.map { ($0["path"], $0["text"]) }, uniquingKeysWith: { a, _ in a }))
            }
        }
    }

    /// A summary; a run still running has no totals of its own yet, so they are counted from its
    /// steps. A `running` row whose process is gone reads as `interrupted` (as a writer will mark
    /// it), so read-only commands, which write nothing, show it as it is.
    static func summary(_ row: Row, _ db: Database) throws -> RunSummary {
        var summary = StoreCoding.summary(row)
        guard summary.status == .running,
            let totals = try Row.fetchOne(db, sql: StoreCoding.totalsFromSteps, arguments: [summary.id])
        else { return summary }
        let pid: Int64? = row["pid"]
        if let pid, !ProcessIdentity.isAlive(pid: pid, startTime: row["process_start"], bootID: row["boot_id"]) {
            summary.status = .interrupted
            summary.finishedAt = (totals["last_end"] as Double?).map(StoreCoding.date)
        }
        summary.stepCount = totals["step_count"]
        summary.executed = totals["executed"]
        summary.cached = totals["cached"]
        summary.usage = TokenUsage(inputTokens: totals["input_tokens"], outputTokens: totals["output_tokens"])
        summary.cost = totals["cost"]
        return summary
    }

    /// The id a reference names, or an error that says what the reference matched.
    static func resolve(_ ref: String, _ db: Database, path: String) throws -> String {
        let trimmed = ref.trimmingCharacters(in: .whitespaces)
        let listHint = "`patchbay runs` lists them; a run is named by its id, a unique prefix of it, `last` or `#SEQ`"
        if trimmed == "last" {
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM runs ORDER BY seq DESC LIMIT 1") else {
                throw RunStoreError("no runs yet in \(path)", hint: "run a graph first")
            }
            return id
        }
        if trimmed.hasPrefix("#") {
            guard let seq = Int(trimmed.dropFirst()) else {
                throw RunStoreError(
                    "`\(ref)` is not a run number", hint: "write #SEQ with the number `patchbay runs` shows, like #12")
            }
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM runs WHERE seq = ?", arguments: [seq]) else {
                throw RunStoreError("no run #\(seq) in \(path)", hint: .text(listHint))
            }
            return id
        }
        let key = trimmed.lowercased()
        guard !key.isEmpty else { throw RunStoreError("no run named", hint: .text(listHint)) }
        if try String.fetchOne(db, sql: "SELECT id FROM runs WHERE id = ?", arguments: [key]) != nil { return key }
        // A prefix range instead of LIKE: no wildcards to escape, and the unique index answers it.
        let matches = try String.fetchAll(db, sql: prefixSQL, arguments: [key, key + "\u{10FFFF}"])
        switch matches.count {
        case 0:
            // Most often a run `gc` deleted: an id from an old report, an eval's sample.
            throw RunStoreError(
                "no run `\(ref)` in this project (gc may have removed it; `patchbay gc` keeps the newest N runs)",
                hint: "\(listHint) (store: \(path))")
        case 1: return matches[0]
        default:
            let shown = matches.prefix(5).map { String($0.prefix(12)) }.joined(separator: ", ")
            throw RunStoreError(
                "run `\(ref)` is ambiguous: it begins \(matches.count > 5 ? "more than 5" : "\(matches.count)") runs (\(shown))",
                hint: "give more characters of the id")
        }
    }
}
