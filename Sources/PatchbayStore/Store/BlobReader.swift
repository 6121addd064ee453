import Foundation
import GRDB
import PatchbayCore

/// Reads a row's ports back: the inline JSON plus the large values its blob column names (see
/// `ValueBlobs`). One reader per read transaction; each blob is read and decoded once however
/// many steps name it, and the steps share the one string.
final class BlobReader {
    private let db: Database
    private let storePath: String
    private var values: [String: JSONValue] = [:]

    init(_ db: Database, storePath: String) {
        self.db = db
        self.storePath = storePath
    }

    /// `json` with the ports `blobs` names put back. `owner` names the row for an error
    /// ("run 1a2b…", "run 1a2b…, step `ask`").
    func ports(json: String?, blobs: String?, owner: @autoclosure () -> String) throws -> [String: JSONValue] {
        var ports = StoreCoding.object(json)
        guard let blobs, let refs = try? JSONValue(parsing: blobs).objectValue else { return ports }
        for (port, ref) in refs {
            guard let ref = ref.stringValue else { continue }
            ports[port] = try value(ref, port: port, owner: owner())
        }
        return ports
    }

    private func value(_ ref: String, port: String, owner: String) throws -> JSONValue {
        if let known = values[ref] { return known }
        let kind = ref.prefix(2)
        let hash = String(ref.dropFirst(2))
        guard
            kind == "s:" || kind == "j:",
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT data FROM blobs WHERE hash = ?"), arguments: [hash])
        else {
            throw RunStoreError(
                "\(owner), port `\(port)`: its value (sha256:\(hash)) is missing from the store \(storePath)",
                hint:
                    "the file was edited or damaged outside patchbay; `patchbay gc` cannot bring it back, delete the run or the file"
            )
        }
        let text = String(decoding: data, as: UTF8.self)
        let value: JSONValue
        if kind == "s:" {
            value = .string(text)
        } else {
            guard let parsed = try? JSONValue(parsing: text) else {
                throw RunStoreError(
                    "\(owner), port `\(port)`: its stored value (sha256:\(hash)) is not JSON in \(storePath)",
                    hint: "the file was edited or damaged outside patchbay")
            }
            value = parsed
        }
        values[ref] = value
        return value
    }
}
