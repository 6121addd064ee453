import Foundation
import GRDB
import PatchbayCore

/// The store's one writer: records are queued from any thread (the engine's hot path among
/// them) and one thread of its own commits whatever has piled up as one transaction. Callers
/// never wait on SQLite; `flush` waits for everything queued before it.
///
/// A burst of records (a run of thousands of trivial nodes) is written once it pauses for
/// `quiet`, or `longest` after it began, whichever comes first, and the thread runs at the
/// lowest CPU priority: the writer stays out of the way of runs that keep every core busy and
/// takes each burst in one transaction. A run that waits on a model pauses, so its steps are
/// committed a few milliseconds after they finish.
final class StoreWriter: @unchecked Sendable {
    static let quiet: TimeInterval = 0.003
    static let longest: TimeInterval = 0.05

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
    private var closed = false
    /// Threads waiting in `flush`: the writer stops waiting for a burst to end.
    private var flushing = 0
    private var failure: String?
    private let graphs = GraphTexts()
    /// Serializes records written after `close` on their callers' threads (an eval's concurrent
    /// samples can finish at once), so they commit one at a time like the writer's.
    private let lateWrites = NSLock()
    private let process = ProcessIdentity.current
    private let workingDirectory = FileManager.default.currentDirectoryPath

    init(pool: DatabasePool) {
        self.pool = pool
        let thread = Thread { [self] in loop() }
        thread.name = "patchbay.store.writer"
        thread.start()
    }

    func enqueue(_ record: Record) {
        condition.lock()
        if closed {
            // A journal or cache that outlived its store: write it through, late but not lost.
            condition.unlock()
            lateWrites.withLock { drain([record][...]) }
            return
        }
        pending.append(record)
        enqueued += 1
        // Only the first record of a batch can find the writer asleep.
        if pending.count == 1 { condition.broadcast() }
        condition.unlock()
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
        #if os(Linux)
            // On Linux, who = 0 means the calling thread, not the whole process.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
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
            while !closed && flushing == 0 {
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
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// A big burst is committed a few thousand steps at a time, so a kill during its write
    /// keeps what was written before.
    static func chunks(_ batch: [Record]) -> [ArraySlice<Record>] {
        var chunks: [ArraySlice<Record>] = []
        var start = 0, steps = 0
        for (i, record) in batch.enumerated() {
            if case .steps(let list, _) = record { steps += list.count } else { steps += 1 }
            if steps >= 2048 {
                chunks.append(batch[start...i])
                start = i + 1
                steps = 0
            }
        }
        if start < batch.count { chunks.append(batch[start...]) }
        return chunks
    }

    private func drain(_ batch: ArraySlice<Record>) {
        do {
            try pool.write { db in
                for record in batch { try apply(record, db) }
            }
        } catch {
            // One bad record must not cost the others: commit them one by one. The rolled-back
            // transaction (or another process's `gc`) may have taken graph rows this writer
            // thought were there, so they are written again.
            graphs.forgetInserted()
            for record in batch {
                do {
                    try pool.write { db in try apply(record, db) }
                } catch {
                    condition.lock()
                    failure = failure ?? "\(error)"
                    condition.unlock()
                }
            }
        }
    }

    private func apply(_ record: Record, _ db: Database) throws {
        switch record {
        case .runStarted(let run): try insert(run, db)
        case .steps(let steps, let runID):
            let insert = try db.cachedStatement(sql: StoreCoding.insertStep)
            for step in steps { try insert.execute(arguments: StoreCoding.arguments(step, runID: runID)) }
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
        let graph = graphs.text(of: run.graph)
        if graphs.needsInsert(graph.hash) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO graphs (hash, text, title) VALUES (?, ?, ?)")
                .execute(arguments: [graph.hash, graph.text, run.graph.title])
            graphs.inserted(graph.hash)
        }
        let path = run.graphPath.map { path in
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true)).standardizedFileURL.path
        }
        let values: [(any DatabaseValueConvertible)?] = [
            run.runID, path, graph.hash, StoreCoding.json(run.inputs), StoredRunStatus.running.rawValue,
            StoreCoding.time(run.startedAt), process.pid, process.startTime, process.bootID, run.origin.kind.rawValue,
            run.origin.parentRunID, run.origin.parentStep, run.origin.evalID, run.origin.caseID, run.sampleIndex,
        ]
        try db.cachedStatement(
            sql: """
                INSERT INTO runs (id, graph_path, graph_hash, inputs, status, started_at, pid, process_start, boot_id, origin,
                    parent_run, parent_step, eval_id, case_id, sample)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: StatementArguments(values))
    }

    private func finish(_ result: RunResult, at: Date, _ db: Database) throws {
        let cached = result.steps.reduce(0) { $0 + ($1.status == .cached ? 1 : 0) }
        let usage = result.usage
        let values: [(any DatabaseValueConvertible)?] = [
            result.status.rawValue, StoreCoding.time(at), StoreCoding.json(result.outputs), StoreCoding.json(result.error),
            result.steps.count, result.executedCount, cached, usage.inputTokens, usage.outputTokens, result.cost,
            result.runID,
        ]
        try db.cachedStatement(
            sql: """
                UPDATE runs SET status = ?, finished_at = ?, outputs = ?, error = ?, step_count = ?, executed = ?,
                    cached = ?, input_tokens = ?, output_tokens = ?, cost = ?
                WHERE id = ?
                """
        ).execute(arguments: StatementArguments(values))
    }
}
