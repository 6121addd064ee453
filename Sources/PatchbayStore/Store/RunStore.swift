import Foundation
import GRDB
import PatchbayCore

/// A project's run history, step cache and eval results: one SQLite file in WAL mode that
/// several processes (CLI runs, eval shards, the workbench) share.
///
/// Writes go through one background writer (see `journal`, `cache`); reads answer at once.
/// With `synchronous = NORMAL`, a killed process loses nothing it committed; a power cut may
/// lose the last few commits, never the file.
public final class RunStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    let writer: StoreWriter
    private let stepCache: StoreCache

    /// Where a project's store lives: `<projectRoot>/.patchbay/patchbay.sqlite`.
    public static func location(projectRoot: URL) -> URL {
        projectRoot.appendingPathComponent(".patchbay", isDirectory: true).appendingPathComponent("patchbay.sqlite")
    }

    /// Opens (creating when needed) the store of the project at `projectRoot`; its folder gets
    /// a `.gitignore` so history never lands in version control.
    public static func open(projectRoot: URL) throws -> RunStore {
        let file = location(projectRoot: projectRoot)
        let folder = file.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let ignore = folder.appendingPathComponent(".gitignore")
            if !fm.fileExists(atPath: ignore.path) { try Data("*\n".utf8).write(to: ignore) }
        } catch {
            throw RunStoreError(
                "cannot create the run store in \(folder.path): \(error.localizedDescription)",
                hint: "make the project folder writable, or run with --no-store")
        }
        return try RunStore(path: file.path)
    }

    /// Opens (creating when needed) the database file at `path`, brings its schema up to date
    /// and marks runs whose process has died as interrupted.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        // Other processes write too: wait for them rather than fail.
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch {
            throw RunStoreError("cannot open the run store \(path): \(error)", hint: "check the file's permissions; delete it to start a new history")
        }
        writer = StoreWriter(pool: pool)
        stepCache = StoreCache(pool: pool, writer: writer)
        try markInterrupted()
    }

    deinit {
        writer.close()
    }

    /// Where the engine writes runs and steps as they happen (`EngineEnvironment.journal`).
    public var journal: any RunJournal { StoreJournal(writer: writer) }

    /// The persistent step cache (`EngineEnvironment.cache`).
    public var cache: any StepCache { stepCache }

    /// Blocks until every run, step and cache entry queued so far is committed. Call it before
    /// the process exits.
    public func flush() {
        writer.flush()
    }

    /// Drops the cache's in-process layer after the table was emptied.
    func stepCacheForget() {
        stepCache.forget()
    }

    /// The first background write that failed since the store was opened, if any (a full disk,
    /// a file made read-only): the front end reports it; the runs themselves went on.
    public var writeFailure: String? { writer.firstFailure }

    /// Runs left `running` by a process that no longer exists (see `ProcessIdentity.isAlive`)
    /// become `interrupted`, with totals counted from the steps they finished.
    private func markInterrupted() throws {
        try wrap {
            try pool.write { db in
                let rows = try Row.fetchAll(db, sql: "SELECT id, pid, process_start, boot_id FROM runs WHERE status = 'running'")
                for row in rows {
                    let pid: Int64? = row["pid"]
                    guard let pid, !ProcessIdentity.isAlive(pid: pid, startTime: row["process_start"], bootID: row["boot_id"])
                    else { continue }
                    let id: String = row["id"]
                    let totals = try Row.fetchOne(db, sql: StoreCoding.totalsFromSteps, arguments: [id])
                    try db.execute(
                        sql: """
                            UPDATE runs SET status = 'interrupted', finished_at = ?, step_count = ?, executed = ?, cached = ?,
                                input_tokens = ?, output_tokens = ?, cost = ?
                            WHERE id = ?
                            """,
                        arguments: [
                            totals?["last_end"] as Double?, totals?["step_count"] as Int?, totals?["executed"] as Int?,
                            totals?["cached"] as Int?, totals?["input_tokens"] as Int?, totals?["output_tokens"] as Int?,
                            totals?["cost"] as Double?, id,
                        ])
                }
            }
        }
    }

    /// Runs a database request, turning SQLite's errors into the store's.
    func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunStoreError {
            throw error
        } catch {
            throw RunStoreError("run store \(path): \(error)", hint: "another patchbay may hold the file for long; try again")
        }
    }
}
