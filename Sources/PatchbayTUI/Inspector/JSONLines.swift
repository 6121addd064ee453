import PatchbayCore
import PatchbayPresentation

/// A `JSONValue` as display lines: a pretty, foldable tree with one member per line.
///
/// A line at depth `d` has its fold glyph at column `2d` and its text at `2d + 2`, so the
/// glyph sits just before the key it folds. Every non-empty object or array, and every string
/// with line breaks (shown as a `"""` block, one text line per display line), gets a fold id:
/// its path, like `outputs.json.items[2]`. Control characters are escaped here, so measured
/// widths match what the buffer draws.
public enum JSONLines {
    public struct Options: Sendable, Hashable {
        public var folded: Set<String>
        /// Soft-wrap long lines to `width`; off, they are clipped with an ellipsis.
        public var wrap: Bool
        /// Columns available; 0 or less leaves lines as they are.
        public var width: Int
        public var theme: Theme
        public var glyphs: Glyphs

        public init(
            folded: Set<String> = [], wrap: Bool = false, width: Int = 0, theme: Theme = .dark,
            glyphs: Glyphs = .unicode
        ) {
            self.folded = folded
            self.wrap = wrap
            self.width = width
            self.theme = theme
            self.glyphs = glyphs
        }
    }

    /// One value; its own fold id is `path`.
    public static func lines(_ value: JSONValue, path: String, options: Options) -> [InspectorLine] {
        var builder = Builder(options: options)
        builder.emit(value, label: [], path: path, depth: 0, comma: false)
        return builder.out
    }

    /// Named values (a section's ports or a node's fields), sorted by name, one `name: value`
    /// member each; their fold ids are `path.name`.
    public static func members(_ members: [String: JSONValue], path: String, options: Options) -> [InspectorLine] {
        var builder = Builder(options: options)
        let t = options.theme
        for name in members.keys.sorted() {
            guard let value = members[name] else { continue }
            let label = [InspectorLine.Segment(visible(name), t.jsonKey), .init(": ", t.punctuation)]
            builder.emit(value, label: label, path: childPath(path, key: name), depth: 0, comma: false)
        }
        return builder.out
    }

    /// `path.key`, or `path["key"]` when the key would be ambiguous after a dot.
    public static func childPath(_ path: String, key: String) -> String {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
        if plain { return path.isEmpty ? key : path + "." + key }
        return path + "[\"" + quoted(key) + "\"]"
    }

    public static func childPath(_ path: String, index: Int) -> String { path + "[\(index)]" }

    /// A string's text as JSON writes it inside quotes, with every control character visible.
    static func quoted(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(scalar)
            }
        }
        return VisibleText.escaped(out)
    }

    static func visible(_ text: String) -> String { VisibleText.escaped(text) }

    static func hasLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}"
        }
    }

    struct Builder {
        let options: Options
        var out: [InspectorLine] = []

        init(options: Options) { self.options = options }

        private var t: Theme { options.theme }

        mutating func emit(_ value: JSONValue, label: [InspectorLine.Segment], path: String, depth: Int, comma: Bool) {
            let tail: [InspectorLine.Segment] = comma ? [.init(",", t.punctuation)] : []
            switch value {
            case .object(let dict) where !dict.isEmpty:
                if options.folded.contains(path) {
                    let count = dict.count == 1 ? "1 key" : "\(dict.count) keys"
                    line(
                        label + [.init("{" + options.glyphs.ellipsis + "}", t.punctuation), .init(" " + count, t.dim)]
                            + tail, depth: depth, fold: path, open: false, value: path)
                    return
                }
                line(label + [.init("{", t.punctuation)], depth: depth, fold: path, open: true, value: path)
                let keys = dict.keys.sorted()
                for (i, key) in keys.enumerated() {
                    guard let child = dict[key] else { continue }
                    let childLabel: [InspectorLine.Segment] = [
                        .init("\"" + quoted(key) + "\"", t.jsonKey), .init(": ", t.punctuation),
                    ]
                    emit(
                        child, label: childLabel, path: childPath(path, key: key), depth: depth + 1,
                        comma: i < keys.count - 1)
                }
                line([.init("}", t.punctuation)] + tail, depth: depth, value: path)
            case .array(let items) where !items.isEmpty:
                if options.folded.contains(path) {
                    let count = items.count == 1 ? "1 item" : "\(items.count) items"
                    line(
                        label + [.init("[" + options.glyphs.ellipsis + "]", t.punctuation), .init(" " + count, t.dim)]
                            + tail, depth: depth, fold: path, open: false, value: path)
                    return
                }
                line(label + [.init("[", t.punctuation)], depth: depth, fold: path, open: true, value: path)
                for (i, item) in items.enumerated() {
                    emit(item, label: [], path: childPath(path, index: i), depth: depth + 1, comma: i < items.count - 1)
                }
                line([.init("]", t.punctuation)] + tail, depth: depth, value: path)
            case .object:
                line(label + [.init("{}", t.punctuation)] + tail, depth: depth, value: path)
            case .array:
                line(label + [.init("[]", t.punctuation)] + tail, depth: depth, value: path)
            case .string(let s) where hasLineBreak(s):
                block(s, label: label, tail: tail, path: path, depth: depth)
            case .string(let s):
                line(label + [.init("\"" + quoted(s) + "\"", t.jsonString)] + tail, depth: depth, value: path)
            case .number:
                line(label + [.init(value.compactJSON, t.jsonNumber)] + tail, depth: depth, value: path)
            case .bool, .null:
                line(label + [.init(value.compactJSON, t.jsonLiteral)] + tail, depth: depth, value: path)
            }
        }

        /// Text with line breaks: `"""`, its lines one deeper, and a closing `"""`.
        private mutating func block(
            _ text: String, label: [InspectorLine.Segment], tail: [InspectorLine.Segment], path: String, depth: Int
        ) {
            let textLines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
            if options.folded.contains(path) {
                let count = textLines.count == 1 ? "1 line" : "\(textLines.count) lines"
                line(
                    label + [
                        .init("\"\"\"" + options.glyphs.ellipsis + "\"\"\"", t.jsonString), .init(" " + count, t.dim),
                    ] + tail, depth: depth, fold: path, open: false, value: path)
                return
            }
            line(label + [.init("\"\"\"", t.punctuation)], depth: depth, fold: path, open: true, value: path)
            for textLine in textLines {
                line(
                    textLine.isEmpty ? [] : [.init(visible(String(textLine)), t.jsonString)], depth: depth + 1,
                    value: path)
            }
            line([.init("\"\"\"", t.punctuation)] + tail, depth: depth + 1, value: path)
        }

        /// Appends one logical line: indent and fold glyph, then wrapped or clipped to the width.
        private mutating func line(
            _ segments: [InspectorLine.Segment], depth: Int, fold: String? = nil, open: Bool = true,
            value: String
        ) {
            var all: [InspectorLine.Segment] = []
            all.reserveCapacity(segments.count + 2)
            let pad = 2 * depth
            if fold != nil {
                let glyph = open ? options.glyphs.unfolded : options.glyphs.folded
                if pad > 0 { all.append(.init(String(repeating: " ", count: pad), .plain)) }
                all.append(.init(glyph, t.punctuation))
                let gap = max(1, 2 - DisplayWidth.of(glyph))
                all.append(.init(String(repeating: " ", count: gap), .plain))
            } else {
                all.append(.init(String(repeating: " ", count: pad + 2), .plain))
            }
            all += segments
            var logical = InspectorLine(all, foldID: fold, depth: depth, indent: pad + 2)
            logical.valuePath = value
            if options.width <= 0 {
                out.append(logical)
            } else if options.wrap {
                out += logical.wrapped(width: options.width)
            } else {
                out.append(logical.clipped(width: options.width, ellipsis: options.glyphs.ellipsis))
            }
        }
    }
}
