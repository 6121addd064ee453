/// Finds the Mustache tags of a prompt line for highlighting: `{{name}}`, `{{{name}}}`,
/// `{{&name}}`, `{{#section}}`, `{{^inverted}}`, `{{/section}}` and `{{! comment}}`.
///
/// A tag must open and close on the same line (a multi-line comment is left plain).
public enum PromptHighlighter {
    public enum Kind: Sendable, Hashable {
        /// A variable, with its name as written (`doc.title`).
        case placeholder(String)
        /// A section's opening (`#`, `^`) or closing (`/`) tag.
        case section
        /// A comment, or a tag prompts do not use (partials, pragmas, delimiters).
        case comment
    }

    public struct Span: Sendable, Hashable {
        /// Grapheme columns of the whole tag, braces included.
        public var range: Range<Int>
        public var kind: Kind
        /// The name looked up: the part before the first `.` (`doc` for `doc.title`); empty
        /// for comments, `.` for the current item.
        public var name: String
        /// True when the name is one of the given ports, is `.`, or sits inside a section
        /// (where the section's item may supply it); comments are always known.
        public var known: Bool
    }

    /// The tags of one line, outside any section.
    public static func spans(in line: String, ports: Set<String>) -> [Span] {
        var depth = 0
        return spans(in: Array(line), ports: ports, sectionDepth: &depth)
    }

    /// The tags of each line, carrying section nesting from one line to the next.
    public static func spans(inLines lines: [[Character]], ports: Set<String>) -> [[Span]] {
        var depth = 0
        return lines.map { spans(in: $0, ports: ports, sectionDepth: &depth) }
    }

    /// The tags of one line; `sectionDepth` is the nesting before it and after it.
    public static func spans(in line: [Character], ports: Set<String>, sectionDepth: inout Int) -> [Span] {
        var result: [Span] = []
        let n = line.count
        var i = 0
        while i + 1 < n {
            guard line[i] == "{", line[i + 1] == "{" else {
                i += 1
                continue
            }
            let triple = i + 2 < n && line[i + 2] == "{"
            let open = i + (triple ? 3 : 2)
            var close = open
            while close + 1 < n, !(line[close] == "}" && line[close + 1] == "}") { close += 1 }
            guard close + 1 < n else { break }
            var end = close + 2
            if triple, end < n, line[end] == "}" { end += 1 }
            let content = trimmed(line[open..<close])
            let range = i..<end
            i = end
            guard let sigil = content.first else { continue }
            let rest = trimmed(content.dropFirst())
            switch sigil {
            case "!", ">", "%", "=", "<", "$":
                result.append(Span(range: range, kind: .comment, name: "", known: true))
            case "#", "^":
                let name = lookupName(rest)
                result.append(Span(range: range, kind: .section, name: name, known: isKnown(name, ports, sectionDepth)))
                sectionDepth += 1
            case "/":
                sectionDepth = max(0, sectionDepth - 1)
                let name = lookupName(rest)
                result.append(Span(range: range, kind: .section, name: name, known: isKnown(name, ports, sectionDepth)))
            default:
                let written = sigil == "&" ? rest : content
                let name = lookupName(written)
                result.append(
                    Span(
                        range: range, kind: .placeholder(written), name: name, known: isKnown(name, ports, sectionDepth)
                    ))
            }
        }
        return result
    }

    private static func isKnown(_ name: String, _ ports: Set<String>, _ depth: Int) -> Bool {
        name == "." || depth > 0 || ports.contains(name)
    }

    /// `doc.title` → `doc`; `uppercased(name)` → `name` (swift-mustache transforms).
    private static func lookupName(_ written: String) -> String {
        var name = Substring(written)
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = name[name.index(after: open)..<name.index(before: name.endIndex)]
        }
        name = Substring(trimmed(name))
        if name == "." { return "." }
        return String(name.prefix { $0 != "." })
    }

    private static func trimmed<S: Collection<Character>>(_ characters: S) -> String {
        let chars = Array(characters)
        guard let first = chars.firstIndex(where: { !$0.isWhitespace }),
            let last = chars.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(chars[first...last])
    }
}
