import Crypto
import Foundation

/// A graph as read from a file: the graph, where each part of it stood, and what the file held
/// when it was read (so a save can refuse to overwrite a file changed since).
public struct GraphDocument: Sendable {
    public var graph: Graph
    public var sourceMap: SourceMap
    public var path: String?
    public var format: GraphFormat
    /// The hash of the text that was read; pass it to `GraphFile.save(_:to:expecting:)`.
    public var fingerprint: FileFingerprint
    /// Leading `#` comment lines (e.g. a `yaml-language-server` modeline), kept by `fmt` and
    /// saves; every other comment is dropped by the canonical form.
    public var header: String

    public init(
        graph: Graph, sourceMap: SourceMap = SourceMap(), path: String? = nil, format: GraphFormat = .yaml,
        fingerprint: FileFingerprint, header: String = ""
    ) {
        self.graph = graph
        self.sourceMap = sourceMap
        self.path = path
        self.format = format
        self.fingerprint = fingerprint
        self.header = header
    }
}

/// The SHA-256 of a file's bytes: what a save compares to notice a change made on disk.
public struct FileFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case hex.
    public var sha256: String

    public init<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        sha256 = Hex.lowercase(SHA256.hash(data: Data(bytes)))
    }

    public init(text: String) { self.init(bytes: text.utf8) }

    public var description: String { "sha256:\(sha256)" }
}
