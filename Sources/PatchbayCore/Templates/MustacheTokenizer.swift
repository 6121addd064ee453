/// Finds the tags of a Mustache template: the one scan behind input ports, validation's nesting
/// and unclosed-section checks, and the prompt editor's highlighting.
///
/// swift-mustache parses templates for rendering but does not expose its tags, so this scan
/// reads them the same way: `{{name}}`, `{{{name}}}`, `{{&name}}`, sections `{{#…}}`, `{{^…}}`,
/// `{{/…}}`, comments, partials, pragmas, inheritance (`{{$…}}`, `{{<…}}`), and delimiter
/// changes (`{{=<% %>=}}`), which it follows. A tag left open ends the scan.
public struct MustacheTokenizer: Sendable {
    public struct Tag: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// `{{name}}`.
            case variable
            /// `{{{name}}}` or `{{&name}}`.
            case unescaped
            /// `{{#name}}`.
            case section
            /// `{{^name}}`.
            case inverted
            /// `{{$name}}` and `{{<name}}`: inheritance, closed by `{{/name}}` like a section.
            case block
            /// `{{/name}}`.
            case close
            /// `{{! … }}`.
            case comment
            /// `{{> name}}`.
            case partial
            /// `{{% … }}`.
            case pragma
            /// `{{=<% %>=}}`.
            case delimiters
        }

        public var kind: Kind
        /// What follows the sigil, trimmed: `doc.title`, `uppercased(name)`, a comment's text.
        public var content: String
        /// Character offsets of the whole tag, delimiters included, in the scanned text.
        public var range: Range<Int>

        /// True for the tags a `{{/…}}` closes.
        public var opensSection: Bool { kind == .section || kind == .inverted || kind == .block }

        /// The dotted path a variable or section looks up: `doc.title` → `["doc", "title"]`,
        /// `uppercased(name)` → `["name"]` (swift-mustache transforms); nil for `.`, for an empty
        /// name, and for tags that look nothing up.
        public var path: [String]? {
            switch kind {
            case .variable, .unescaped, .section, .inverted, .close: break
            case .block, .comment, .partial, .pragma, .delimiters: return nil
            }
            var name = Substring(content)
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = name[name.index(after: open)..<name.index(before: name.endIndex)]
            }
            let trimmed = MustacheTokenizer.trimmed(name)
            guard !trimmed.isEmpty, trimmed != "." else { return nil }
            let path = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard let first = path.first, !first.isEmpty else { return nil }
            return path
        }
    }

    public private(set) var open: [Character] = ["{", "{"]
    public private(set) var close: [Character] = ["}", "}"]

    public init() {}

    /// Every tag of `text`, in order.
    public static func tags(in text: String) -> [Tag] {
        var tokenizer = MustacheTokenizer()
        return tokenizer.tags(in: Array(text))
    }

    /// The tags of `text`; delimiter changes carry over to the next call (one line at a time).
    public mutating func tags(in text: [Character]) -> [Tag] {
        var result: [Tag] = []
        var i = 0
        while let start = Self.find(open, in: text, from: i) {
            let triple = open == ["{", "{"] && start + 2 < text.count && text[start + 2] == "{"
            let contentStart = start + open.count + (triple ? 1 : 0)
            guard let contentEnd = Self.find(close, in: text, from: contentStart) else { break }
            var end = contentEnd + close.count
            if triple, end < text.count, text[end] == "}" { end += 1 }
            i = end
            let content = Self.trimmed(text[contentStart..<contentEnd])
            if triple {
                result.append(Tag(kind: .unescaped, content: content, range: start..<end))
                continue
            }
            guard let sigil = content.first else { continue }
            let rest = Self.trimmed(content.dropFirst())
            let kind: Tag.Kind
            switch sigil {
            case "#": kind = .section
            case "^": kind = .inverted
            case "$", "<": kind = .block
            case "/": kind = .close
            case "!": kind = .comment
            case ">": kind = .partial
            case "%": kind = .pragma
            case "&": kind = .unescaped
            case "=":
                kind = .delimiters
                if content.count >= 2, content.hasSuffix("=") {
                    let parts = content.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                    if parts.count == 2 { (open, close) = (Array(parts[0]), Array(parts[1])) }
                }
            default:
                result.append(Tag(kind: .variable, content: content, range: start..<end))
                continue
            }
            result.append(Tag(kind: kind, content: kind == .delimiters ? content : rest, range: start..<end))
        }
        return result
    }

    private static func find(_ needle: [Character], in text: [Character], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= text.count else { return nil }
        var i = from
        while i + needle.count <= text.count {
            if text[i] == first, text[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func trimmed<S: Collection<Character>>(_ characters: S) -> String {
        let chars = Array(characters)
        guard let first = chars.firstIndex(where: { !$0.isWhitespace }),
            let last = chars.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(chars[first...last])
    }
}
