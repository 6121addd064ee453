import Foundation
import GRDB
import PatchbayCore

/// The persistent step cache: entries live in the store's `cache` table, so a result computed
/// by one process is a hit in the next. An in-process layer answers keys this process stored
/// or read already, including ones the writer has not committed yet.
final class StoreCache: StepCache, @unchecked Sendable {
    private let pool: DatabasePool
    private let writer: StoreWriter
    private let lock = NSLock()
    private var memory: [String: CachedOutputs] = [:]

    init(pool: DatabasePool, writer: StoreWriter) {
        self.pool = pool
        self.writer = writer
    }

    func lookup(_ key: String) -> CachedOutputs? {
        if let hit = lock.withLock({ memory[key] }) {
            writer.enqueue(.cacheHit(key: key, at: Date()))
            return hit
        }
        let text = try? pool.read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT outputs FROM cache WHERE key = ?"), arguments: [key])
        }
        guard let text, let found = StoreCoding.cached(text) else { return nil }
        lock.withLock { memory[key] = found }
        writer.enqueue(.cacheHit(key: key, at: Date()))
        return found
    }

    func store(_ key: String, _ outputs: CachedOutputs) {
        lock.withLock { memory[key] = outputs }
        writer.enqueue(.cacheStore(key: key, outputs, at: Date()))
    }

    /// Forgets the in-process layer (after the table was cleared).
    func forget() {
        lock.withLock { memory.removeAll() }
    }
}
