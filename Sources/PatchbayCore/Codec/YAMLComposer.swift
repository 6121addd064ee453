import CYaml
import Yams

/// Reads a YAML (or JSON) text into a `Yams.Node` tree with marks in one pass over libyaml's
/// events: what graph files, cases files and layouts are all read with.
///
/// `Yams.compose` throws at the first mapping with a repeated key and has no option to go on, so
/// finding every duplicate meant parsing again once per duplicate (1,000 repeated node ids took
/// over 20 s). This composer records each duplicate and keeps going; it also bounds what a small
/// file can cost: nesting deeper than `maxDepth` and aliases expanding past `maxExpandedNodes`
/// are errors at their place. It builds nodes exactly as Yams' composer does (same tags, styles,
/// marks), so the rest of the code reads the tree unchanged.
public struct YAMLComposer {
    /// A key given twice in one mapping: where the first and the repeat stand.
    public struct Duplicate: Sendable, Hashable {
        public var key: String
        public var first: SourceLocation
        public var second: SourceLocation
    }

    public struct Composed {
        /// Nil when the file holds no document (empty, or only comments and blank lines).
        public var root: Yams.Node?
        /// Every repeated key, in file order. The tree keeps both entries.
        public var duplicates: [Duplicate] = []
    }

    /// Aliases share nodes, so a few hundred bytes can stand for billions of nodes ("billion
    /// laughs"); everything after composing walks the expanded tree. Counted as it is built.
    public static let maxExpandedNodes = 1_000_000
    /// Lists and mappings deeper than this are refused (the same depth as JSON's), before code
    /// that walks the tree recursively; libyaml's own limit (1,000 by default) is set to it too.
    public static let maxDepth = JSONParser.maxDepth

    /// "YAML" or "JSON": how syntax errors name the language.
    public var language = "YAML"
    /// What the file is, for messages: "a graph file", "a cases file", "a layout file".
    public var document = "a graph file"

    public init(language: String = "YAML", document: String = "a graph file") {
        self.language = language
        self.document = document
    }

    /// libyaml's own limit (a process-wide setting, 1,000 by default) made the same as ours: a
    /// run of `[` or `{` is refused by libyaml's parser before its events reach the composer.
    private static let libyamlLimit: Void = yaml_set_max_nest_level(Int32(maxDepth))

    public func compose(_ text: String) throws(YAMLComposeError) -> Composed {
        _ = Self.libyamlLimit
        var text = text
        let result: Result<Composed, YAMLComposeError> = text.withUTF8 { bytes in
            var run = YAMLEventReader(bytes: bytes, composer: self)
            do throws(YAMLComposeError) { return .success(try run.read()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Yams' `Mark` has no public initializer; it is two `Int`s (line, column) in a library built
    /// without library evolution, so a struct of the same two fields has its layout
    /// (`unsafeBitCast` traps if the sizes ever differ; `YAMLComposerTests` checks the round trip).
    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast(MarkLayout(line: line, column: column), to: Mark.self)
    }

    private struct MarkLayout {
        var line: Int
        var column: Int
    }

    /// What an empty root means for the reader of a file: "the file is empty" or "holds only
    /// comments", always at line 1.
    public static func emptyMessage(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" }
            ? "the file is empty" : "the file holds only comments and blank lines, no YAML value"
    }
}

/// A text libyaml or the composer refused: what, where, and what to do.
public struct YAMLComposeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var location: SourceLocation?

    public var description: String {
        (location.map { "line \($0.line), column \($0.column): " } ?? "") + message
    }
}

/// One run of libyaml's parser over UTF-8 bytes; collections are built on an explicit stack, so
/// depth costs no machine stack.
private struct YAMLEventReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let composer: YAMLComposer

    /// A list or mapping being read: what its start event said, and what it holds so far.
    private struct Frame {
        var isMapping: Bool
        var mark: yaml_mark_t
        var anchor: String?
        var tag: String?
        var style: UInt32
        var items: [Yams.Node] = []
        var pairs: [(Yams.Node, Yams.Node)] = []
        /// A mapping's key waiting for its value.
        var key: Yams.Node?
        var seen: [String: Mark] = [:]
        /// Nodes it stands for with aliases expanded, itself included.
        var size = 1
    }

    private var stack: [Frame] = []
    private var root: Yams.Node?
    private var anchors: [String: (node: Yams.Node, size: Int)] = [:]
    private var expanded = 0
    private var duplicates: [YAMLComposer.Duplicate] = []

    init(bytes: UnsafeBufferPointer<UInt8>, composer: YAMLComposer) {
        self.bytes = bytes
        self.composer = composer
    }

    mutating func read() throws(YAMLComposeError) -> YAMLComposer.Composed {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLComposeError(message: "out of memory reading the file")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // An empty text holds no document (and may have no buffer to point libyaml at).
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return YAMLComposer.Composed(root: nil) }
        yaml_parser_set_input_string(&parser, base, bytes.count)
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(parser) }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return YAMLComposer.Composed(root: root, duplicates: duplicates)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLComposeError(
                        message:
                            "\(composer.language) syntax error: a second document starts here (a `---` line, or text after `...`), and \(composer.document) holds one",
                        hint: "remove this `---` or the text after `...`; put another document in a file of its own",
                        location: Self.location(event.start_mark))
                }
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw YAMLComposeError(
                        message: "the alias `*\(name)` names no anchor: `&\(name)` must come before it",
                        hint: "define `&\(name)` on a value above this line, or write the value out",
                        location: Self.location(event.start_mark))
                }
                try count(target.size, at: event.start_mark)
                add(target.node, size: target.size)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let anchor = Self.string(scalar.anchor)
                let tagName = scalar.quoted_implicit == 1 ? Tag.Name.str.rawValue : Self.string(scalar.tag)
                let value = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let node = Yams.Node.scalar(
                    .init(
                        value, tag(tagName),
                        Yams.Node.Scalar.Style(rawValue: numericCast(scalar.style.rawValue)) ?? .any,
                        Self.mark(event.start_mark), anchor.map(Anchor.init(rawValue:))))
                if let anchor { anchors[anchor] = (node, 1) }
                try count(1, at: event.start_mark)
                add(node, size: 1)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try push(
                    Frame(
                        isMapping: false, mark: event.start_mark, anchor: Self.string(data.anchor),
                        tag: data.implicit != 0 ? nil : Self.string(data.tag), style: UInt32(data.style.rawValue)))
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try push(
                    Frame(
                        isMapping: true, mark: event.start_mark, anchor: Self.string(data.anchor),
                        tag: data.implicit != 0 ? nil : Self.string(data.tag), style: UInt32(data.style.rawValue)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                let mark = Self.mark(frame.mark)
                let anchor = frame.anchor.map(Anchor.init(rawValue:))
                let node: Yams.Node =
                    frame.isMapping
                    ? .mapping(
                        .init(
                            frame.pairs, tag(frame.tag), Yams.Node.Mapping.Style(rawValue: frame.style) ?? .any, mark,
                            anchor))
                    : .sequence(
                        .init(
                            frame.items, tag(frame.tag), Yams.Node.Sequence.Style(rawValue: frame.style) ?? .any, mark,
                            anchor))
                if let name = frame.anchor { anchors[name] = (node, frame.size) }
                add(node, size: frame.size)
            default:
                continue  // stream start, document end
            }
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLComposeError) {
        if stack.count >= YAMLComposer.maxDepth {
            throw YAMLComposeError(
                message: "lists and mappings nest more than \(YAMLComposer.maxDepth) levels deep here",
                hint: "a value nested this deep is almost certainly generated by mistake; flatten it",
                location: Self.location(frame.mark))
        }
        try count(1, at: frame.mark)
        stack.append(frame)
    }

    /// Counts nodes of the expanded tree; a collection's own node is counted when it starts.
    private mutating func count(_ size: Int, at mark: yaml_mark_t) throws(YAMLComposeError) {
        expanded += size
        if expanded > YAMLComposer.maxExpandedNodes {
            throw YAMLComposeError(
                message:
                    "the file expands to more than \(YAMLComposer.maxExpandedNodes) YAML nodes through anchors and aliases (`*name`)",
                hint: "write the values out instead of nesting aliases of aliases",
                location: Self.location(mark))
        }
    }

    /// Puts a finished node into the collection being read (or makes it the root), recording a
    /// mapping key that repeats one before it.
    private mutating func add(_ node: Yams.Node, size: Int) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].size += size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].key {
            stack[top].pairs.append((key, node))
            stack[top].key = nil
            return
        }
        stack[top].key = node
        guard case .scalar(let scalar) = node, let at = scalar.mark else { return }
        if let first = stack[top].seen[scalar.string] {
            duplicates.append(
                .init(
                    key: scalar.string, first: SourceLocation(line: first.line, column: first.column),
                    second: SourceLocation(line: at.line, column: at.column)))
        } else {
            stack[top].seen[scalar.string] = at
        }
    }

    // MARK: Conversions

    /// One constructor for every tag: `Constructor.default` builds a new one (three
    /// dictionaries) each time it is read, which was half the cost of composing.
    private let constructor = Constructor.default

    private func tag(_ name: String?) -> Tag {
        Tag(name.map(Tag.Name.init(rawValue:)) ?? .implicit, .basic, constructor)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    static func mark(_ mark: yaml_mark_t) -> Mark {
        YAMLComposer.mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    // MARK: Errors

    private func failure(_ parser: yaml_parser_t) -> YAMLComposeError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_READER_ERROR:
            let what =
                problem == "control characters are not allowed" && parser.problem_value >= 0
                ? "control character U+\(Hex.padded(UInt32(parser.problem_value), digits: 4, uppercase: true)) is not allowed in YAML"
                : problem
            return YAMLComposeError(
                message: "the file cannot be read as text: \(what)",
                hint:
                    "save the file as UTF-8 without control characters; write them as escapes inside double quotes (`\\e`, `\\u0007`)",
                location: offsetLocation(parser.problem_offset))
        case YAML_MEMORY_ERROR:
            return YAMLComposeError(message: "out of memory reading the file")
        default:
            let at = Self.location(parser.problem_mark)
            var wording = YAMLSyntaxWording(language: composer.language, document: composer.document)
            wording.found = character(at: at)
            wording.before = before(at)
            return wording.error(problem, at: at, context: context, contextAt: Self.location(parser.context_mark))
        }
    }

    /// The character at a line and column, for wording an error about it (found on error only).
    private func character(at location: SourceLocation) -> Unicode.Scalar? {
        var scalars = String(decoding: line(location.line).prefix(location.column * 4 + 4), as: UTF8.self)
            .unicodeScalars.makeIterator()
        for _ in 1..<max(location.column, 1) { _ = scalars.next() }
        return scalars.next()
    }

    /// The last character before a place on its line that is not a space, if any.
    private func before(_ location: SourceLocation) -> Unicode.Scalar? {
        let scalars = String(decoding: line(location.line).prefix(location.column * 4), as: UTF8.self).unicodeScalars
            .prefix(max(location.column - 1, 0))
        return scalars.last { $0 != " " && $0 != "\t" }
    }

    /// The bytes from the start of 1-based line `number` to the end of the text.
    private func line(_ number: Int) -> UnsafeBufferPointer<UInt8> {
        var line = 1
        var index = 0
        while line < number, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        return UnsafeBufferPointer(rebasing: bytes[index...])
    }

    /// Line and column of a byte offset (columns count Unicode scalars, as libyaml's marks do).
    private func offsetLocation(_ offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}
