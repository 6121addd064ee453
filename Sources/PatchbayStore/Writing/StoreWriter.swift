import Foundation
import GRDB
import PatchbayCore

/// The store's one writer: records are queued from any thread (the engine's hot path among
/// them) and one thread of its own commits whatever has piled up as one transaction. `flush`
/// waits for everything queued before it.
///
/// A burst of records (a run of thousands of trivial nodes) is written once it pauses for
/// `quiet`, or `longest` after it began, whichever comes first, so it takes few transactions.
/// The thread runs at normal priority and the queue is bounded: at most `maxBacklog` steps may
/// wait uncommitted, beyond that `enqueue` blocks until the writer catches up. So on a machine
/// whose cores are all busy the writer still gets its share, and a run never gets more than a
/// bounded amount of work ahead of what is on disk (a `kill -9` loses at most that much).
///
/// Another process holding the write lock is waited for (the busy timeout), and a commit that
/// still finds the file locked is tried again until `busyPatience` has passed.
final class StoreWriter: @unchecked Sendable {
    static let quiet: TimeInterval = 0.003
    static let longest: TimeInterval = 0.025
    /// Steps per transaction of a big burst.
    static let chunkSteps = 512
    /// Steps (other records count one) queued or being written before `enqueue` blocks: two
    /// chunks, so the run fills the next while the writer commits one.
    static let maxBacklog = 2 * chunkSteps
    /// How long a commit is retried while other processes keep the file locked.
    static let busyPatience: TimeInterval = 120
    /// What SQLite cuts the WAL back to when it restarts (`journal_size_limit`); a WAL this
    /// size or more after a run is truncated. Runs of small values stay well under it through
    /// SQLite's own checkpoints (every 1,000 pages, about 4 MB).
    static let walLimit: Int64 = 8 << 20

    enum Record {
        case runStarted(JournalRun)
        case steps([Step], runID: String)
        case runFinished(RunResult, at: Date)
        case cacheStore(key: String, CachedOutputs, at: Date)
        case cacheHit(key: String, at: Date)
    }

    private let pool: DatabasePool
    /// Guards everything below it; the writer thread waits on it for work, `flush` for commits.
    private let condition = NSCondition()
    private var pending: [Record] = []
    private var enqueued = 0
    private var committed = 0
    /// Steps queued or being written, not yet committed (see `maxBacklog`).
    private var backlog = 0
    /// Callers blocked in `enqueue` because the backlog is full: the writer stops waiting for a
    /// burst to end.
    private var blocked = 0
    private var closed = false
    /// Threads waiting in `flush`: the writer stops waiting for a burst to end.
    private var flushing = 0
    private var failure: String?
    private let graphs = GraphTexts()
    private let blobs = ValueBlobs()
    /// Serializes records written after `close` on their callers' threads (an eval's concurrent
    /// samples can finish at once), so they commit one at a time like the writer's.
    private let lateWrites = NSLock()
    private let process = ProcessIdentity.current
    private let workingDirectory = FileManager.default.currentDirectoryPath

    /// `readOnly`: a store opened only to read has no thread; what is written anyway goes
    /// through on the caller's thread and fails (reported by `firstFailure`).
    init(pool: DatabasePool, readOnly: Bool = false) {
        self.pool = pool
        if readOnly {
            closed = true
            return
        }
        let thread = Thread { [self] in loop() }
        thread.name = "patchbay.store.writer"
        thread.start()
    }

    func enqueue(_ record: Record) {
        condition.lock()
        // Backpressure: a run that produces steps faster than they are committed waits here
        // (on its own thread, under the engine's trace lock) until the writer catches up.
        if backlog >= Self.maxBacklog && !closed {
            blocked += 1
            condition.broadcast()
            while backlog >= Self.maxBacklog && !closed { condition.wait() }
            blocked -= 1
        }
        if closed {
            // A journal or cache that outlived its store: write it through, late but not lost.
            condition.unlock()
            writeThrough(record)
            return
        }
        pending.append(record)
        enqueued += 1
        backlog += Self.weight(record)
        // Only the first record of a batch can find the writer asleep.
        if pending.count == 1 { condition.broadcast() }
        condition.unlock()
    }

    /// Writes `record` on the caller's thread and returns once it is committed (or failed), after
    /// whatever the writer is committing at the moment. Records queued before it are not waited
    /// for; the caller orders its own records (a run's row before its steps).
    func writeThrough(_ record: Record) {
        lateWrites.withLock { drain([record][...]) }
    }

    /// Blocks until every record queued before the call is committed (or has failed).
    func flush() {
        condition.lock()
        let target = enqueued
        flushing += 1
        condition.broadcast()
        while committed < target && !closed { condition.wait() }
        flushing -= 1
        condition.unlock()
    }

    /// Commits what is queued and ends the thread (the store is going away).
    func close() {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The first write that failed, if any, for the front end to report.
    var firstFailure: String? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    private func loop() {
        // Normal priority: at nice 19 the writer starved beside busy processes (a killed run lost
        // everything it had done, and a finished one waited a minute and more to exit) and held
        // the file's write lock while it was not scheduled.
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty && closed {
                condition.unlock()
                return
            }
            // Enqueuing wakes the writer only for a batch's first record, so this waits out
            // the burst without a wake-up per record.
            let began = Date()
            while !closed && flushing == 0 && blocked == 0 {
                let seen = enqueued
                let end = began.addingTimeInterval(Self.longest)
                _ = condition.wait(until: min(Date().addingTimeInterval(Self.quiet), end))
                if enqueued == seen || Date() >= end { break }
            }
            let batch = pending
            pending = []
            condition.unlock()
            for chunk in Self.chunks(batch) {
                drain(chunk)
                condition.lock()
                committed += chunk.count
                backlog -= chunk.reduce(0) { $0 + Self.weight($1) }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// A big burst is committed `chunkSteps` at a time, so a kill during its write keeps what
    /// was written before, and blocked callers go on as soon as one chunk is in.
    static func chunks(_ batch: [Record]) -> [ArraySlice<Record>] {
        var chunks: [ArraySlice<Record>] = []
        var start = 0
        var steps = 0
        for (i, record) in batch.enumerated() {
            steps += weight(record)
            if steps >= chunkSteps {
                chunks.append(batch[start...i])
                start = i + 1
                steps = 0
            }
        }
        if start < batch.count { chunks.append(batch[start...]) }
        return chunks
    }

    /// What a record counts towards the backlog and a chunk: its steps, else one.
    static func weight(_ record: Record) -> Int {
        if case .steps(let list, _) = record { return max(list.count, 1) }
        return 1
    }

    private func drain(_ batch: ArraySlice<Record>) {
        do {
            try patiently {
                try pool.write { db in
                    for record in batch { try apply(record, db) }
                }
            }
        } catch let error as DatabaseError where Self.isBusy(error) {
            // Still locked after `busyPatience`: trying record by record would wait that long again
            // for each.
            fail(error)
        } catch {
            // One bad record must not cost the others: commit them one by one. The rolled-back
            // transaction (or another process's `gc`) may have taken graph rows this writer
            // thought were there, so they are written again.
            graphs.forgetInserted()
            for record in batch {
                do {
                    try patiently { try pool.write { db in try apply(record, db) } }
                } catch {
                    fail(error)
                }
            }
        }
        if batch.contains(where: { if case .runFinished = $0 { true } else { false } }) {
            blobs.forgetRecent()
            checkpointIfLarge()
        }
    }

    /// After a run ends, a WAL that grew to `walLimit` (a run with large values writes them all
    /// to the WAL first: 50 MB of input left a 264 MB WAL; SQLite may have cut it back to the
    /// limit since) is copied into the database and truncated, so a finished run leaves no
    /// large WAL. This is no commit: every step was
    /// durable before it, and a process killed during it loses nothing.
    private func checkpointIfLarge() {
        var info = stat()
        guard stat(pool.path + "-wal", &info) == 0, Int64(info.st_size) >= Self.walLimit else { return }
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            // Readers in other processes still on an older snapshot after the busy timeout: the
            // WAL is left as it is, and the next run to finish tries again.
        }
    }

    /// Runs a write, trying again while SQLite still reports the file busy or locked after its
    /// own busy timeout (other processes writing without pause), until `busyPatience` has passed.
    private func patiently(_ write: () throws -> Void) throws {
        let deadline = Date().addingTimeInterval(Self.busyPatience)
        while true {
            do {
                return try write()
            } catch let error as DatabaseError where Self.isBusy(error) && Date() < deadline {
                usleep(20_000)
            }
        }
    }

    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    private func fail(_ error: any Error) {
        condition.lock()
        failure = failure ?? "\(error)"
        condition.unlock()
    }

    private func apply(_ record: Record, _ db: Database) throws {
        switch record {
        case .runStarted(let run): try insert(run, db)
        case .steps(let steps, let runID):
            let insert = try db.cachedStatement(sql: StoreCoding.insertStep)
            for step in steps {
                let inputs = try blobs.column(step.inputs, runID: runID, db)
                let outputs = try blobs.column(step.outputs, runID: runID, db)
                let prompt = try StoreCoding.promptColumn(step) { try blobs.column($0, runID: runID, db) }
                try insert.execute(
                    arguments: StoreCoding.arguments(
                        step, runID: runID, inputs: inputs, outputs: outputs, prompt: prompt))
            }
        case .runFinished(let result, let at): try finish(result, at: at, db)
        case .cacheStore(let key, let outputs, let at):
            try db.cachedStatement(
                sql: """
                    INSERT INTO cache (key, outputs, created_at, last_used, hits) VALUES (?, ?, ?, ?, 0)
                    ON CONFLICT(key) DO UPDATE SET outputs = excluded.outputs, last_used = excluded.last_used
                    """
            ).execute(arguments: [key, StoreCoding.json(outputs), StoreCoding.time(at), StoreCoding.time(at)])
        case .cacheHit(let key, let at):
            try db.cachedStatement(sql: "UPDATE cache SET hits = hits + 1, last_used = ? WHERE key = ?")
                .execute(arguments: [StoreCoding.time(at), key])
        }
    }

    private func insert(_ run: JournalRun, _ db: Database) throws {
        let graph = try insert(run.graph, db)
        // The sub-graph files it runs, by their path in the project, so a step inside one shows
        // the config it ran with after the file changed.
        for (file, sub) in run.subgraphs {
            let hash = try insert(sub, db)
            try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO run_subgraphs (run_id, path, graph_hash) VALUES (?, ?, ?)"
            ).execute(arguments: [run.runID, projectPath(file), hash])
        }
        let path = run.graphPath.map { path in
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
                .standardizedFileURL.path
        }
        let inputs = try blobs.column(run.inputs, runID: run.runID, db)
        let values: [(any DatabaseValueConvertible)?] = [
            run.runID, path, graph, inputs.json, inputs.blobs, StoredRunStatus.running.rawValue,
            StoreCoding.time(run.startedAt), process.pid, process.startTime, process.bootID, run.origin.kind.rawValue,
            run.origin.parentRunID, run.origin.parentStep, run.origin.evalID, run.origin.caseID, run.sampleIndex,
        ]
        try db.cachedStatement(
            sql: """
                INSERT INTO runs (id, graph_path, graph_hash, inputs, inputs_blobs, status, started_at, pid, process_start,
                    boot_id, origin, parent_run, parent_step, eval_id, case_id, sample)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: StatementArguments(values))
    }

    /// Stores a graph's canonical text once; returns its hash.
    private func insert(_ graph: Graph, _ db: Database) throws -> String {
        let text = graphs.text(of: graph)
        if graphs.needsInsert(text.hash) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO graphs (hash, text, title) VALUES (?, ?, ?)")
                .execute(arguments: [text.hash, text.text, graph.title])
            graphs.inserted(text.hash)
        }
        return text.hash
    }

    /// `file` relative to the project the store belongs to (the folder holding `.patchbay/`);
    /// absolute when it lies outside it.
    func projectPath(_ file: String) -> String {
        let absolute = URL(
            fileURLWithPath: file, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true)
        ).standardizedFileURL.path
        let root = RunStore.projectRoot(ofStore: pool.path)
        return absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : absolute
    }

    private func finish(_ result: RunResult, at: Date, _ db: Database) throws {
        let cached = result.steps.reduce(0) { $0 + ($1.status == .cached ? 1 : 0) }
        let usage = result.usage
        let outputs = try blobs.column(result.outputs, runID: result.runID, db)
        let values: [(any DatabaseValueConvertible)?] = [
            result.status.rawValue, StoreCoding.time(at), outputs.json, outputs.blobs, StoreCoding.json(result.error),
            result.steps.count, result.executedCount, cached, usage.inputTokens, usage.outputTokens, result.cost,
            result.runID,
        ]
        try db.cachedStatement(
            sql: """
                UPDATE runs SET status = ?, finished_at = ?, outputs = ?, outputs_blobs = ?, error = ?, step_count = ?, executed = ?,
                    cached = ?, input_tokens = ?, output_tokens = ?, cost = ?
                WHERE id = ?
                """
        ).execute(arguments: StatementArguments(values))
    }
}
