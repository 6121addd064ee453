import PatchbayCore

/// Field values as one line of text, for the field editor and the inputs form: strings as
/// they are, everything else as compact JSON; read back by the field's type.
public enum FieldText {
    public static func text(of value: JSONValue) -> String {
        value.stringValue ?? value.compactJSON
    }

    /// The typed text as a value for `field` of `node`: text fields keep it as a string, others
    /// parse JSON and fall back to the string when it isn't JSON.
    public static func value(of text: String, field: String, node: Node?) -> JSONValue {
        let spec = node?.kind.flatMap { KindSpec.catalogue[$0] }?.field(field)
        switch spec?.type {
        case .string?, .text?, .graphPath?, .oneOf?, .portType?: return .string(text)
        default: return (try? JSONValue(parsing: text)) ?? .string(text)
        }
    }

    /// A value typed for a graph input: JSON when it parses, otherwise the text as a string
    /// (so `hello` needs no quotes, as with `--input`).
    public static func inputValue(_ text: String) -> JSONValue {
        (try? JSONValue(parsing: text)) ?? .string(text)
    }
}

/// Path pieces without Foundation's NSString bridging.
enum PathText {
    /// `dir/name.graph.yaml` → `name`.
    static func baseName(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".graph.yaml", ".graph.yml", ".graph.json", ".yaml", ".yml", ".json"]
        where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name.isEmpty
            ? "subgraph"
            : name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }.reduce("") {
                $0 + String($1)
            }
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension PathText {
    /// `dir/name.graph.yaml` → `name.graph.yaml`.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
