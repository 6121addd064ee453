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

    /// The project a store file belongs to: the folder holding its `.patchbay/` folder.
    public static func projectRoot(ofStore path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The folder the paths of stored sub-graph files (`StoredRun.subgraphs`) are relative to.
    public var projectRoot: String { Self.projectRoot(ofStore: path) }

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
                hint: .runWithoutStore)
        }
        return try RunStore(path: file.path)
    }

    /// Opens (creating when needed) the database file at `path`, brings its schema up to date
    /// and marks runs whose process has died as interrupted.
    ///
    /// `readOnly` (the history commands: `runs`, `show`, `diff-runs`, `evals`, `cache stats`):
    /// the file must exist; nothing is written and the write lock is never taken, so reading
    /// never waits for, or fails because of, runs writing at the same time. Dead runs read as
    /// `interrupted` without being marked. A file written by an older patchbay is upgraded
    /// first, which is a write, once.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        do {
            if readOnly {
                let reading = try DatabasePool(path: path, configuration: Self.configuration(readOnly: true))
                if try reading.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                    pool = reading
                } else {
                    try Schema.migrator.migrate(
                        DatabasePool(path: path, configuration: Self.configuration(readOnly: false)))
                    pool = try DatabasePool(path: path, configuration: Self.configuration(readOnly: true))
                }
            } else {
                pool = try DatabasePool(path: path, configuration: Self.configuration(readOnly: false))
                // Checked first so an up-to-date file is opened without waiting for the write lock.
                if try !pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                    try Schema.migrator.migrate(pool)
                }
            }
        } catch {
            throw RunStoreError(
                "cannot open the run store \(path): \(error)",
                hint: "check the file's permissions; delete it to start a new history")
        }
        writer = StoreWriter(pool: pool, readOnly: readOnly)
        stepCache = StoreCache(pool: pool, writer: writer)
        // Marking is a courtesy (reads tell a dead run without it): a file other processes keep
        // locked must not stop this one from opening, so a busy file is left for the next opener.
        if !readOnly {
            do {
                try markInterrupted()
            } catch let error as DatabaseError where StoreWriter.isBusy(error) {
            } catch {
                throw RunStoreError(
                    "cannot open the run store \(path): \(error)",
                    hint: "check the file's permissions; delete it to start a new history")
            }
        }
    }

    private static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        // Other processes write too: wait for them rather than fail (StoreWriter retries beyond).
        config.busyMode = .timeout(15)
        if !readOnly {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A WAL that once grew large (a run of large values) is cut back when it restarts.
                try db.execute(sql: "PRAGMA journal_size_limit = \(StoreWriter.walLimit)")
            }
        }
        return config
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
        // Most opens find nothing to mark (other runs are alive): look before taking the write lock.
        let dead = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT pid, process_start, boot_id FROM runs WHERE status = 'running'").contains
            { row in
                guard let pid = row["pid"] as Int64? else { return false }
                return !ProcessIdentity.isAlive(pid: pid, startTime: row["process_start"], bootID: row["boot_id"])
            }
        }
        guard dead else { return }
        try pool.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, pid, process_start, boot_id FROM runs WHERE status = 'running'")
            for row in rows {
                let pid: Int64? = row["pid"]
                guard let pid,
                    !ProcessIdentity.isAlive(pid: pid, startTime: row["process_start"], bootID: row["boot_id"])
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

    /// Runs a database request, turning SQLite's errors into the store's.
    func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunStoreError {
            throw error
        } catch {
            throw RunStoreError(
                "run store \(path): \(error)", hint: "another patchbay may hold the file for long; try again")
        }
    }
}
