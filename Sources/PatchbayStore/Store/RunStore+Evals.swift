import Foundation
import GRDB
import PatchbayCore

extension RunStore {
    /// Stores an eval's result (replacing one with the same id).
    public func saveEval(_ eval: EvalRecord) throws {
        let variants = (try? String(decoding: JSONEncoder().encode(eval.variants), as: UTF8.self)) ?? "[]"
        let values: [(any DatabaseValueConvertible)?] = [
            eval.id, eval.graphPath, variants, eval.cases, eval.repeats, eval.samples, eval.passed, eval.passRate,
            eval.lower, eval.upper, StoreCoding.time(eval.startedAt), StoreCoding.time(eval.finishedAt), eval.report,
        ]
        try wrap {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO evals (id, graph_path, variants, cases, repeats, samples, passed, pass_rate,
                            lower, upper, started_at, finished_at, report)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: StatementArguments(values))
            }
        }
    }

    /// Recent evals, newest first, without their reports.
    public func evals(limit: Int = 20) throws -> [EvalRecord] {
        try wrap {
            try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(Self.evalColumns), '' AS report FROM evals ORDER BY started_at DESC LIMIT ?",
                    arguments: [max(limit, 0)]
                ).map(Self.eval)
            }
        }
    }

    /// One eval with its report. `ref` is an eval id, a unique prefix of one, or `last`.
    public func eval(_ ref: String) throws -> EvalRecord {
        try wrap {
            try pool.read { db in
                let sql = "SELECT \(Self.evalColumns), report FROM evals"
                let rows: [Row]
                if ref == "last" {
                    rows = try Row.fetchAll(db, sql: sql + " ORDER BY started_at DESC LIMIT 1")
                } else if let exact = try Row.fetchOne(db, sql: sql + " WHERE id = ?", arguments: [ref]) {
                    rows = [exact]
                } else {
                    rows = try Row.fetchAll(
                        db, sql: sql + " WHERE id >= ? AND id < ? ORDER BY started_at DESC LIMIT 6",
                        arguments: [ref, ref + "\u{10FFFF}"])
                }
                let hint = "`patchbay evals` lists them; name one by its id, a unique prefix of it, or `last`"
                switch rows.count {
                case 0 where ref == "last":
                    throw RunStoreError("no evals yet in \(path)", hint: "run `patchbay eval` first")
                case 0: throw RunStoreError("no eval `\(ref)` in \(path)", hint: .text(hint))
                case 1: return Self.eval(rows[0])
                default:
                    let ids = rows.prefix(5).map { (row: Row) -> String in row["id"] }.joined(separator: ", ")
                    throw RunStoreError(
                        "eval `\(ref)` is ambiguous: it begins several evals (\(ids))",
                        hint: "give more characters of the id")
                }
            }
        }
    }

    static let evalColumns =
        "id, graph_path, variants, cases, repeats, samples, passed, pass_rate, lower, upper, started_at, finished_at"

    static func eval(_ row: Row) -> EvalRecord {
        let variantsText: String = row["variants"]
        let variants = (try? JSONDecoder().decode([String].self, from: Data(variantsText.utf8))) ?? []
        return EvalRecord(
            id: row["id"], graphPath: row["graph_path"], variants: variants, cases: row["cases"],
            repeats: row["repeats"],
            samples: row["samples"], passed: row["passed"], passRate: row["pass_rate"], lower: row["lower"],
            upper: row["upper"], startedAt: StoreCoding.date(row["started_at"]),
            finishedAt: StoreCoding.date(row["finished_at"]),
            report: row["report"])
    }
}
