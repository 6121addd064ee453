import Foundation

/// Loading and saving graph files on disk.
///
/// Saves are atomic (a temporary file in the same folder, then a rename) and refuse to overwrite
/// a file that changed since it was loaded, so an edit made in another editor is never lost.
public enum GraphFile {
    /// Reads and decodes a graph file. Throws `GraphFileError` (a missing or unreadable file is a
    /// single diagnostic naming the path).
    public static func load(path: String) throws -> GraphDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let (message, hint): (String, String) =
                !exists
                ? ("no such file", "check the path; graph files are usually named NAME.graph.yaml")
                : isDirectory.boolValue
                    ? ("this is a folder, not a graph file", "name a .graph.yaml file inside it")
                    : ("cannot read the file (\(error.localizedDescription))", "check the file's permissions")
            throw GraphFileError([Diagnostic(.error, .file, message, hint: .text(hint), file: path)])
        }
        let text: String
        switch UTF8Text.decode(data) {
        case .success(let decoded): text = decoded
        case .failure(let problem): throw GraphFileError([Diagnostic(problem, file: path)])
        }
        var document = try GraphCodec.decode(text, path: path)
        document.fingerprint = FileFingerprint(bytes: data)
        return document
    }

    /// Writes a graph canonically and atomically; returns the new file's fingerprint (pass it to
    /// the next save).
    ///
    /// - `expecting`: the fingerprint of the file as it was loaded. When the file on disk no
    ///   longer has it, nothing is written and `GraphSaveError.changedOnDisk` is thrown. Pass nil
    ///   to write without that check (a new file, or an overwrite the user confirmed).
    /// - `format`: nil keeps the file's format: JSON for a `.json` path or an existing JSON file,
    ///   else YAML.
    /// Leading `#` comment lines of the existing YAML file are kept.
    @discardableResult
    public static func save(
        _ graph: Graph, to path: String, expecting fingerprint: FileFingerprint?, format: GraphFormat? = nil
    ) throws -> FileFingerprint {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let existing = FileManager.default.contents(atPath: target)
        if let fingerprint, let existing, FileFingerprint(bytes: existing) != fingerprint {
            throw GraphSaveError(path: path, reason: .changedOnDisk)
        }
        let existingText = existing.flatMap { String(data: $0, encoding: .utf8) }
        let format = format ?? GraphFormat.detect(path: path, text: existingText)
        let header = format == .yaml ? existingText.map(GraphCodec.header(of:)) ?? "" : ""
        let text = GraphCodec.encode(graph, format: format, header: header)
        try writeAtomically(Data(text.utf8), to: target, reportedAs: path)
        return FileFingerprint(text: text)
    }

    /// Writes `text` as it is, atomically: a file put back as it was (an undo).
    public static func restore(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        try writeAtomically(Data(text.utf8), to: target, reportedAs: path)
    }

    /// Writes `data` beside `target` and renames it over `target`, keeping the old file's mode.
    static func writeAtomically(_ data: Data, to target: String, reportedAs path: String) throws {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let manager = FileManager.default
        do {
            guard manager.createFile(atPath: temp.path, contents: data) else {
                throw GraphSaveError(path: path, reason: .writeFailed("cannot create a file in \(folder.path)"))
            }
            if let mode = (try? manager.attributesOfItem(atPath: target))?[.posixPermissions] {
                try? manager.setAttributes([.posixPermissions: mode], ofItemAtPath: temp.path)
            }
            guard rename(temp.path, target) == 0 else {
                let reason = String(cString: strerror(errno))
                throw GraphSaveError(path: path, reason: .writeFailed(reason))
            }
        } catch {
            try? manager.removeItem(at: temp)
            if error is GraphSaveError { throw error }
            throw GraphSaveError(path: path, reason: .writeFailed("\(error)"))
        }
    }
}

/// A save that did not happen.
public struct GraphSaveError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The file's content differs from what was loaded: someone else edited it.
        case changedOnDisk
        case writeFailed(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .changedOnDisk:
            "\(path): error: the file changed on disk since it was loaded; not saved\n  hint: reload it to see the other change (your edits stay unsaved), or save under another name"
        case .writeFailed(let reason):
            "\(path): error: cannot save: \(reason)\n  hint: check that the folder exists and is writable"
        }
    }
}
