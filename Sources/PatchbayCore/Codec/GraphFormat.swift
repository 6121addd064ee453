/// How a graph file is written. YAML is canonical; JSON with the same schema is read and kept.
public enum GraphFormat: String, Sendable, Hashable, CaseIterable {
    case yaml
    case json

    /// The format of a file: `.json` by extension, else JSON when the text starts with `{`,
    /// else YAML.
    public static func detect(path: String?, text: String?) -> GraphFormat {
        if let path, path.lowercased().hasSuffix(".json") { return .json }
        if let text, startsWithBrace(text) { return .json }
        return .yaml
    }

    static func startsWithBrace(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{FEFF}": continue
            case "{": return true
            default: return false
            }
        }
        return false
    }
}
