import Foundation
import PatchbayCore

/// Canonical graph texts and their hashes, encoded once per distinct graph value: an eval's
/// thousand runs of one graph encode it once. Also remembers which hashes this writer has put
/// in the `graphs` table, so each is inserted once.
///
/// Lock-protected: the writer thread uses it, and so do callers writing late records after the
/// store was closed (several at once under an eval's concurrency).
final class GraphTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [Graph: (hash: String, text: String)] = [:]
    private var stored: Set<String> = []

    func text(of graph: Graph) -> (hash: String, text: String) {
        if let known = lock.withLock({ texts[graph] }) { return known }
        // Encoding happens outside the lock; two threads may both encode a new graph, harmlessly.
        let text = GraphCodec.encode(graph)
        let entry = (FileFingerprint(text: text).sha256, text)
        lock.withLock {
            if texts.count > 64 { texts.removeAll() }
            texts[graph] = entry
        }
        return entry
    }

    func needsInsert(_ hash: String) -> Bool { lock.withLock { !stored.contains(hash) } }
    func inserted(_ hash: String) { lock.withLock { _ = stored.insert(hash) } }
    func forgetInserted() { lock.withLock { stored.removeAll() } }
}
