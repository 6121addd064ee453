import Foundation
import Yams

/// Turns a graph file's text into a YAML node tree with locations, for YAML and JSON alike.
///
/// `YAMLComposer` reads the file in one pass and keeps repeated keys, so `GraphBuilder` reports
/// every duplicate with its context (a node id, a field). A `.json` file is first read by the
/// strict JSON parser, since libyaml accepts what JSON does not (a trailing comma, comments,
/// single quotes); the located YAML tree is still what the builder walks.
struct GraphComposer {
    struct Composed {
        var root: Yams.Node?
        /// False when the JSON fallback parser was used: there are no marks.
        var hasLocations = true
        /// What to say when there is no root: an empty file, or one of only comments.
        var emptyMessage = "the file is empty"

        func location(_ mark: Mark?) -> SourceLocation? {
            mark.map { SourceLocation(line: $0.line, column: $0.column) }
        }
    }

    var text: String
    var format: GraphFormat
    var path: String?

    func compose() throws(GraphFileError) -> Composed {
        let language = format == .json ? "JSON" : "YAML"
        if format == .json, path?.lowercased().hasSuffix(".json") == true {
            try checkStrictJSON()
        }
        do {
            let composed = try YAMLComposer(language: language, document: "a graph file").compose(text)
            return Composed(root: composed.root, emptyMessage: YAMLComposer.emptyMessage(text))
        } catch {
            // libyaml refuses a little valid JSON (surrogate pairs written as `\uD83D\uDE00`).
            if format == .json, error.message.hasPrefix("JSON syntax error"), let root = foundationFallback() {
                return Composed(root: root, hasLocations: false)
            }
            throw GraphFileError([diagnostic(error.message, at: error.location, hint: error.hint)])
        }
    }

    /// JSON's own rules, at their position. Repeated keys pass here: the builder reports each
    /// one with what it names (a node id, a field).
    private func checkStrictJSON() throws(GraphFileError) {
        do {
            _ = try JSONValue(parsing: text, options: JSONParseOptions(duplicateKeys: .firstWins))
        } catch let error as JSONParseError {
            throw GraphFileError([
                diagnostic(
                    "JSON syntax error: \(error.reason)", at: SourceLocation(line: error.line, column: error.column),
                    hint: "a `.json` graph file is strict JSON: no trailing commas, comments or single quotes")
            ])
        } catch {
            throw GraphFileError([diagnostic("cannot read the file: \(error)", at: nil, hint: nil)])
        }
    }

    /// Every problem found here is the text not reading as YAML or JSON.
    private func diagnostic(_ message: String, at location: SourceLocation?, hint: String?) -> Diagnostic {
        Diagnostic(.error, .syntax, message, hint: hint.map(Hint.text), file: path, location: location)
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
            return .mapping(
                .init(keys.map { (Yams.Node.scalar(.init($0, Tag(.str), .doubleQuoted)), node(object[$0]!)) }))
        }
    }
}
