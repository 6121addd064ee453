import Foundation
import Yams

/// Where a value inside a node's field stands in its file: a feedback entry, a schema's nested
/// `type`, the first character of a jq program.
///
/// The source map keeps only keys (node ids, field names, wires). For the few diagnostics that
/// point inside a value, the file is read and composed again — only when such a diagnostic is
/// reported, only when the file on disk is still the one the graph was read from (same
/// fingerprint), and once per file: the composed tree is cached for the next diagnostic.
/// It is composed by the decoder's `YAMLComposer`, with its caps (depth, expanded size), in one
/// linear pass. (Keeping the decoder's tree in `GraphDocument` instead would hold every file's
/// tree in memory for the few diagnostics that need one.)
struct ValueLocator: Sendable {
    /// A step into a value: a mapping's entry by key, or a list's item by index.
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// What the walk found: the value's position, its key's position (for `.key` steps) and,
    /// for scalars, how it was written (to map offsets inside it to columns).
    struct Found {
        var value: SourceLocation
        var key: SourceLocation?
        var style: Yams.Node.Scalar.Style?
        var text: String?
    }

    private static let cache = ComposedCache()

    static func find(_ document: GraphDocument, node: String, field: String, path: [Step] = []) -> Found? {
        guard let root = composed(document)?.root, case .mapping(let top) = root,
            case .mapping(let nodes)? = top["nodes"], let body = entry(nodes, node)?.value,
            case .mapping(let fields) = body, var found = entry(fields, field)
        else { return nil }
        for step in path {
            switch (step, found.value) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = entry(mapping, key) else { return nil }
                found = next
            case (.index(let index), .sequence(let sequence)):
                guard index >= 0, index < sequence.count else { return nil }
                found = (sequence[index], sequence[index])
            default:
                return nil
            }
        }
        guard let at = location(found.value.mark) else { return nil }
        var result = Found(value: at, key: location(found.key.mark))
        if case .scalar(let scalar) = found.value {
            result.style = scalar.style
            result.text = scalar.string
        }
        return result
    }

    private static func entry(_ mapping: Yams.Node.Mapping, _ key: String) -> (key: Yams.Node, value: Yams.Node)? {
        mapping.first { $0.key.scalar?.string == key }.map { ($0.key, $0.value) }
    }

    private static func location(_ mark: Mark?) -> SourceLocation? {
        mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }

    /// The file's lines as read (for checking that a value's text stands where it seems to).
    static func lines(_ document: GraphDocument) -> [Substring]? { composed(document)?.lines }

    private static func composed(_ document: GraphDocument) -> Composed? {
        guard let path = document.path else { return nil }
        let key = path + "\n" + document.fingerprint.sha256
        if let cached = cache.get(key) { return cached }
        guard let data = FileManager.default.contents(atPath: path),
            FileFingerprint(bytes: data) == document.fingerprint,
            case .success(let text) = UTF8Text.decode(data),
            let root = try? YAMLComposer().compose(text).root
        else { return nil }
        let entry = Composed(root: root, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        cache.set(key, entry)
        return entry
    }
}

private struct Composed {
    var root: Yams.Node
    var lines: [Substring]
}

/// The composed tree of each file, by path and fingerprint. Yams' nodes are immutable values
/// but not declared Sendable, hence the lock and `@unchecked`.
private final class ComposedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Composed] = [:]
    /// A handful of files are validated at once (a root and its sub-graphs); more are evicted.
    private let limit = 16

    func get(_ key: String) -> Composed? { lock.withLock { entries[key] } }

    func set(_ key: String, _ node: Composed) {
        lock.withLock {
            if entries.count >= limit { entries.removeAll() }
            entries[key] = node
        }
    }
}
