import Foundation
import GRDB
import PatchbayCore

/// Writes a row's ports (a step's or run's inputs or outputs) with every large value stored once.
///
/// A port value of `threshold` bytes or more goes into `blobs` under the SHA-256 of its bytes, as
/// graph texts go into `graphs`: a 50 MB input that flows through ten steps is one row, not ten
/// copies (and a second run of it adds none). A large string is kept as its UTF-8 bytes, never
/// JSON-escaped, so it costs a hash and a copy instead of an escape pass per step; a large array
/// or object is kept as its compact JSON. Small ports stay inline in the value column.
///
/// Lock-protected: the writer thread uses it, and so do records written through on their
/// callers' threads (a run's start, late records).
final class ValueBlobs: @unchecked Sendable {
    /// Bytes (UTF-8 of a string, or compact JSON) from which a port value is stored as a blob.
    static let threshold = 4096

    /// A row's value column and its blob column (nil when no port was large).
    struct Column {
        var json: String
        var blobs: String?
    }

    private let lock = NSLock()
    /// Large strings hashed lately, so one flowing through many steps is hashed once. Compared
    /// byte for byte: `==` on String is canonical equivalence, which would take a decomposed
    /// "é" for a precomposed one and store the wrong bytes.
    private var recent: [(text: String, hash: String)] = []
    private static let recentLimit = 4

    /// Splits `ports` into inline JSON and blob references, inserting each large value that is
    /// not stored yet and recording that `runID` uses it. Runs inside the writer's transaction, so
    /// the existence check and `gc` (a write too) cannot interleave.
    func column(_ ports: [String: JSONValue], runID: String, _ db: Database) throws -> Column {
        if ports.isEmpty { return Column(json: "{}", blobs: nil) }
        var inline = "{"
        var refs: [String: JSONValue] = [:]
        for key in ports.keys.sorted() {
            let value = ports[key]!
            let encoded: String
            switch value {
            case .string(let text) where text.utf8.count >= Self.threshold:
                let hash = try store(string: text, db)
                try link(runID, hash, db)
                refs[key] = .string("s:" + hash)
                continue
            case .array, .object:
                encoded = value.compactJSON
                if encoded.utf8.count >= Self.threshold {
                    let data = Data(encoded.utf8)
                    let hash = FileFingerprint(bytes: data).sha256
                    try insert(hash, data, db)
                    try link(runID, hash, db)
                    refs[key] = .string("j:" + hash)
                    continue
                }
            default:
                encoded = value.compactJSON
            }
            if inline.utf8.count > 1 { inline += "," }
            inline += JSONValue.string(key).compactJSON + ":" + encoded
        }
        inline += "}"
        return Column(json: inline, blobs: refs.isEmpty ? nil : JSONValue.object(refs).compactJSON)
    }

    /// Forgets the strings remembered for the run that finished, so a long-lived process (the
    /// workbench, an eval) does not keep large values alive after their runs.
    func forgetRecent() {
        lock.withLock { recent.removeAll() }
    }

    private func store(string text: String, _ db: Database) throws -> String {
        if let hash = lock.withLock({ recent.first { Self.sameBytes($0.text, text) }?.hash }) {
            try insert(hash, nil, text: text, db)
            return hash
        }
        let data = Data(text.utf8)
        let hash = FileFingerprint(bytes: data).sha256
        lock.withLock {
            if recent.count >= Self.recentLimit { recent.removeFirst() }
            recent.append((text, hash))
        }
        try insert(hash, data, db)
        return hash
    }

    /// Inserts the blob unless it is there already, so a value stored before is not copied into
    /// SQLite again. `text` makes the bytes when `data` was not made (a remembered string).
    private func insert(_ hash: String, _ data: Data?, text: String? = nil, _ db: Database) throws {
        let exists =
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM blobs WHERE hash = ?"), arguments: [hash]) ?? false
        guard !exists else { return }
        // A BLOB, not TEXT: GRDB reads TEXT through a C string, which would end at a NUL.
        guard let bytes = data ?? text.map({ Data($0.utf8) }) else { return }
        try db.cachedStatement(sql: "INSERT INTO blobs (hash, data) VALUES (?, ?)").execute(arguments: [hash, bytes])
    }

    private func link(_ runID: String, _ hash: String, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_blobs (run_id, hash) VALUES (?, ?)").execute(arguments: [
            runID, hash,
        ])
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}
