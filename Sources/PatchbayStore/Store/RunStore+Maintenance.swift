import Foundation
import GRDB

extension RunStore {
    /// Runs older than the newest `keep` (the `?`) and not running: a range of the primary key
    /// below the (keep+1)-th newest seq.
    static let doomedRunsSQL = """
        SELECT id FROM runs WHERE status != 'running'
            AND seq <= coalesce((SELECT seq FROM runs ORDER BY seq DESC LIMIT 1 OFFSET ?), -1)
        """
    /// Graphs no run refers to, each checked through `runs_by_graph_hash`.
    static let orphanGraphsSQL = """
        DELETE FROM graphs WHERE NOT EXISTS (SELECT 1 FROM runs WHERE runs.graph_hash = graphs.hash)
            AND NOT EXISTS (SELECT 1 FROM run_subgraphs WHERE run_subgraphs.graph_hash = graphs.hash)
        """
    /// Large values no run uses any more, each checked through `run_blobs_by_hash`.
    static let orphanBlobsSQL =
        "DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM run_blobs WHERE run_blobs.hash = blobs.hash)"

    /// Deletes all but the newest `keep` runs with their steps, and the graphs and large values
    /// no run refers to any more. Runs still running are kept. The cache is left alone (`clearCache`).
    /// Eval samples are runs like any other: they count towards `keep`, and deleting them leaves
    /// the eval's stored report naming runs that are gone.
    public func gc(keep: Int) throws -> (runsDeleted: Int, stepsDeleted: Int) {
        guard keep >= 0 else { throw RunStoreError("the number of runs to keep must be 0 or more, got \(keep)") }
        flush()
        return try wrap {
            try pool.write { db in
                let doomed = Self.doomedRunsSQL
                let steps =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM steps WHERE run_id IN (\(doomed))", arguments: [keep]) ?? 0
                try db.execute(sql: "DELETE FROM steps WHERE run_id IN (\(doomed))", arguments: [keep])
                try db.execute(sql: "DELETE FROM run_blobs WHERE run_id IN (\(doomed))", arguments: [keep])
                try db.execute(sql: "DELETE FROM run_subgraphs WHERE run_id IN (\(doomed))", arguments: [keep])
                try db.execute(sql: "DELETE FROM runs WHERE id IN (\(doomed))", arguments: [keep])
                let runs = db.changesCount
                try db.execute(sql: Self.orphanGraphsSQL)
                try db.execute(sql: Self.orphanBlobsSQL)
                return (runs, steps)
            }
        }
    }

    public func cacheStats() throws -> CacheStats {
        try wrap {
            try pool.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) AS entries, coalesce(sum(length(CAST(outputs AS BLOB)) + length(key)), 0) AS bytes,
                            coalesce(sum(hits), 0) AS hits, min(created_at) AS oldest, max(created_at) AS newest
                        FROM cache
                        """)
                let oldest: Double? = row?["oldest"]
                let newest: Double? = row?["newest"]
                return CacheStats(
                    entries: row?["entries"] ?? 0, bytes: row?["bytes"] ?? 0, hits: row?["hits"] ?? 0,
                    oldest: oldest.map(StoreCoding.date), newest: newest.map(StoreCoding.date))
            }
        }
    }

    /// Empties the step cache; returns how many entries it held. Run history is kept.
    @discardableResult
    public func clearCache() throws -> Int {
        flush()
        let count = try wrap {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM cache")
                return db.changesCount
            }
        }
        stepCacheForget()
        return count
    }
}
