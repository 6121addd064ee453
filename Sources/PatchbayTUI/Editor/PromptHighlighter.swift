import PatchbayCore

/// Finds the Mustache tags of a prompt line for highlighting: `{{name}}`, `{{{name}}}`,
/// `{{&name}}`, `{{#section}}`, `{{^inverted}}`, `{{/section}}` and `{{! comment}}`.
///
/// A tag must open and close on the same line (a multi-line comment is left plain). Tags are
/// found by Core's `MustacheTokenizer`, as ports and validation find them.
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
        var tokenizer = MustacheTokenizer()
        return tokenizer.tags(in: line).map { tag in
            let name = tag.path?.first ?? (tag.content == "." ? "." : "")
            switch tag.kind {
            case .comment, .partial, .pragma, .delimiters:
                return Span(range: tag.range, kind: .comment, name: "", known: true)
            case .block:
                sectionDepth += 1
                return Span(range: tag.range, kind: .comment, name: "", known: true)
            case .section, .inverted:
                defer { sectionDepth += 1 }
                return Span(range: tag.range, kind: .section, name: name, known: isKnown(name, ports, sectionDepth))
            case .close:
                sectionDepth = max(0, sectionDepth - 1)
                return Span(range: tag.range, kind: .section, name: name, known: isKnown(name, ports, sectionDepth))
            case .variable, .unescaped:
                return Span(
                    range: tag.range, kind: .placeholder(tag.content), name: name,
                    known: isKnown(name, ports, sectionDepth))
            }
        }
    }

    private static func isKnown(_ name: String, _ ports: Set<String>, _ depth: Int) -> Bool {
        name == "." || depth > 0 || ports.contains(name)
    }
}
