import Foundation
import PatchbayCore

/// The user's trust list, `$XDG_CONFIG_HOME/patchbay/trusted` (mode 0600): one absolute path per
/// line, each a graph file the user read and trusts (see `GraphTrust` for what that allows).
///
/// Lines that are not an absolute path are kept as they are when the list is saved, so later
/// kinds of entry can share the file without older versions dropping them.
public struct TrustList: Sendable, Hashable {
    /// Where the list is read from and saved to.
    public var path: String
    /// Every line, in file order, without empty lines.
    public var lines: [String]

    public init(path: String, lines: [String] = []) {
        self.path = path
        self.lines = lines
    }

    /// `$XDG_CONFIG_HOME/patchbay/trusted`, beside the user's config file.
    public static func userFile(environment: [String: String]) -> String {
        URL(fileURLWithPath: ConfigLocations.userFile(environment: environment)).deletingLastPathComponent()
            .appendingPathComponent("trusted").path
    }

    /// The list at `path`; a missing or unreadable file is an empty list (nothing trusted).
    public static func load(path: String) -> TrustList {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return TrustList(path: path, lines: lines)
    }

    /// The user's list.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> TrustList {
        load(path: userFile(environment: environment))
    }

    // MARK: Graphs

    /// The trusted graph files.
    public var graphFiles: [String] { lines.filter { $0.hasPrefix("/") } }

    public func trusts(graph path: String) -> Bool {
        graphFiles.contains(GraphTrust.key(path))
    }

    public mutating func add(graph path: String) {
        let key = GraphTrust.key(path)
        if !lines.contains(key) { lines.append(key) }
    }

    public mutating func remove(graph path: String) {
        let key = GraphTrust.key(path)
        lines.removeAll { $0 == key }
    }

    /// What the engine is told: the listed files, plus `files` the user trusted for this command
    /// (`--trust`), plus graphs without a file when `unsavedGraphs`.
    public func graphTrust(alsoTrusting files: [String] = [], unsavedGraphs: Bool = false) -> GraphTrust {
        GraphTrust(files: graphFiles + files, unsavedGraphs: unsavedGraphs)
    }

    // MARK: Saving

    /// Writes the list atomically, readable by the user alone.
    public func save() throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
