import Foundation
import Yams

/// Turns a graph file's text into a YAML node tree with locations, for YAML and JSON alike.
///
/// Yams stops at the first duplicate key and names only one location. To report every duplicate
/// with both of its locations, the composer marks the occurrence Yams names (a private-use prefix
/// inside the key) and parses again; `GraphBuilder` then sees both keys and strips the marker.
struct GraphComposer {
    /// Prefix marking a key renamed to get past a duplicate: `\u{E000}<n>\u{E000}`.
    static let marker: Character = "\u{E000}"

    struct Composed {
        var root: Yams.Node?
        /// Text inserted per line (in the order inserted), to map marks back to the file.
        var insertions: [Int: [(column: Int, length: Int)]] = [:]
        /// False when the JSON fallback parser was used: there are no marks.
        var hasLocations = true

        func location(_ mark: Mark?) -> SourceLocation? {
            guard let mark else { return nil }
            var column = mark.column
            for insertion in (insertions[mark.line] ?? []).reversed() where column > insertion.column {
                column -= insertion.length
            }
            return SourceLocation(line: mark.line, column: column)
        }
    }

    var text: String
    var format: GraphFormat
    var path: String?

    func compose() throws(GraphFileError) -> Composed {
        var working = text
        var composed = Composed()
        var renamed = 0
        while true {
            do {
                composed.root = try Yams.compose(yaml: working, Resolver.basic)
                break
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                guard renamed < 10_000, let insertion = markDuplicate(in: &working, at: context.mark, number: renamed) else {
                    throw GraphFileError([diagnostic("duplicate key \(keys.map { "`\($0)`" }.joined(separator: ", "))", at: composed.location(context.mark), hint: "give each key in a mapping a different name")])
                }
                composed.insertions[context.mark.line, default: []].append(insertion)
                renamed += 1
            } catch let error as YamlError {
                if format == .json, let root = foundationFallback() {
                    return Composed(root: root, hasLocations: false)
                }
                throw GraphFileError([syntaxDiagnostic(error, composed)])
            } catch {
                throw GraphFileError([diagnostic("cannot read the file: \(error)", at: nil, hint: nil)])
            }
        }
        try checkExpandedSize(composed)
        return composed
    }

    /// Aliases share nodes, so a few hundred bytes can stand for billions of nodes ("billion
    /// laughs"); everything after composing walks the expanded tree. Count it once, up to a cap.
    static let maxExpandedNodes = 1_000_000

    private func checkExpandedSize(_ composed: Composed) throws(GraphFileError) {
        guard let root = composed.root else { return }
        var stack: [Yams.Node] = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > Self.maxExpandedNodes {
                throw GraphFileError([diagnostic(
                    "the file expands to more than \(Self.maxExpandedNodes) YAML nodes through anchors and aliases (`*name`)",
                    at: composed.location(node.mark),
                    hint: "write the values out instead of nesting aliases of aliases")])
            }
            switch node {
            case .mapping(let mapping): for (key, value) in mapping { stack.append(key); stack.append(value) }
            case .sequence(let sequence): stack.append(contentsOf: sequence)
            default: break
            }
        }
    }

    /// Inserts the marker at the start of the key at `mark` (inside its quotes, if quoted).
    private func markDuplicate(in text: inout String, at mark: Mark, number: Int) -> (column: Int, length: Int)? {
        guard var index = Self.index(in: text, line: mark.line, column: mark.column) else { return nil }
        var column = mark.column
        if text.unicodeScalars[index] == "\"" || text.unicodeScalars[index] == "'" {
            index = text.unicodeScalars.index(after: index)
            column += 1
        }
        let prefix = "\(Self.marker)\(number)\(Self.marker)"
        text.insert(contentsOf: prefix, at: index)
        return (column, prefix.unicodeScalars.count)
    }

    /// The text index of a 1-based line and column (columns count Unicode scalars, as libyaml's).
    static func index(in text: String, line: Int, column: Int) -> String.Index? {
        let scalars = text.unicodeScalars
        var currentLine = 1
        var i = scalars.startIndex
        while currentLine < line {
            guard i < scalars.endIndex else { return nil }
            let c = scalars[i]
            i = scalars.index(after: i)
            if c == "\n" || (c == "\r" && (i == scalars.endIndex || scalars[i] != "\n")) { currentLine += 1 }
        }
        for _ in 1..<max(column, 1) {
            guard i < scalars.endIndex, scalars[i] != "\n" else { return nil }
            i = scalars.index(after: i)
        }
        return i < scalars.endIndex ? i : nil
    }

    /// The original key of a key that `markDuplicate` renamed, with whether it was renamed.
    static func unmark(_ key: String) -> (key: String, renamed: Bool) {
        guard key.first == marker, let end = key.dropFirst().firstIndex(of: marker) else { return (key, false) }
        return (String(key[key.index(after: end)...]), true)
    }

    // MARK: Errors

    private func diagnostic(_ message: String, at location: SourceLocation?, hint: String?) -> Diagnostic {
        Diagnostic(.error, message, hint: hint, file: path, location: location)
    }

    private func syntaxDiagnostic(_ error: YamlError, _ composed: Composed) -> Diagnostic {
        let language = format == .json ? "JSON" : "YAML"
        let hint = format == .json
            ? "check the brackets, commas and quotes around here"
            : "check the indentation and quoting here; text containing `: ` or ` #`, or starting with one of [ ] { } , & * ! | > ' \" % @ `, must be quoted"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "\(language) syntax error: \(problem)"
            if let context, context.mark.line != mark.line || context.mark.column != mark.column {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            } else if let context {
                message += " (\(context.text))"
            }
            return diagnostic(message, at: composed.location(mark), hint: hint)
        case .reader(let problem, let offset, _, let yaml):
            var location: SourceLocation?
            if let offset {
                let prefix = yaml.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column = prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.unicodeScalars.count + 1 } ?? 1
                location = SourceLocation(line: line, column: column)
            }
            return diagnostic("the file cannot be read as text: \(problem)", at: location, hint: "save the file as UTF-8 without control characters")
        default:
            return diagnostic("\(language) syntax error: \(error)", at: nil, hint: hint)
        }
    }

    // MARK: JSON fallback

    /// libyaml rejects a little valid JSON (e.g. `\uD83D\uDE00` surrogate escapes). Foundation reads
    /// it; there are no locations then, and object keys take the order they first appear in.
    private func foundationFallback() -> Yams.Node? {
        guard let value = try? JSONValue(parsing: text) else { return nil }
        return node(value)
    }

    private func node(_ value: JSONValue) -> Yams.Node {
        switch value {
        case .null: return .scalar(.init("null", Tag(.null), .plain))
        case .bool(let b): return .scalar(.init(b ? "true" : "false", Tag(.bool), .plain))
        case .number(let n): return .scalar(.init(JSONValue.format(n), Tag(.float), .plain))
        case .string(let s): return .scalar(.init(s, Tag(.str), .doubleQuoted))
        case .array(let items): return .sequence(.init(items.map(node)))
        case .object(let object):
            let keys = object.keys.map { key -> (Int, String) in
                var quoted = ""
                JSONValue.writeQuoted(key, to: &quoted)
                let offset = text.range(of: quoted).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
                return (offset ?? Int.max, key)
            }.sorted { $0 < $1 }.map(\.1)
            return .mapping(.init(keys.map { (Yams.Node.scalar(.init($0, Tag(.str), .doubleQuoted)), node(object[$0]!)) }))
        }
    }
}
