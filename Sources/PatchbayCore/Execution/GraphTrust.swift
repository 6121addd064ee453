import Foundation

/// Which graph files the user trusts, decided per file: a trusted file's `command` nodes may run
/// programs, its `write-file` nodes may write anywhere in the project (but `.git/` and
/// `.patchbay/`), and its `graph:` paths may leave the project folder. Everything else, including
/// the sub-graphs and eval variants a trusted graph runs beside, is untrusted until the user says
/// otherwise. Front ends build it from `--trust` and the user's trust list; the engine never reads
/// config itself.
public struct GraphTrust: Sendable, Hashable {
    /// Trusted files, as `GraphTrust.key` spells them.
    public private(set) var files: Set<String>
    /// Whether a graph that has no file (built in memory, or a stored graph run again) is trusted.
    public var unsavedGraphs: Bool

    public init(files: some Sequence<String> = [String](), unsavedGraphs: Bool = false) {
        self.files = Set(files.map(Self.key))
        self.unsavedGraphs = unsavedGraphs
    }

    /// Trusts nothing: the default, and what replays and probes use.
    public static let nothing = GraphTrust()

    public func isTrusted(graphPath: String?) -> Bool {
        guard let graphPath else { return unsavedGraphs }
        return files.contains(Self.key(graphPath))
    }

    public mutating func trust(_ graphPath: String) {
        files.insert(Self.key(graphPath))
    }

    /// The file's absolute path with `.` and `..` removed, as the trust list records it. Symlinks
    /// are not followed: a link to a trusted file is a different file, and is not trusted.
    public static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
