import Foundation

/// Reads and writes graph files: YAML (canonical) and JSON with the same schema.
///
/// Decoding reports every structural problem at once as a `GraphFileError`; problems that need
/// the kind catalogue (unknown kinds, fields, ports, types) are left in the graph for
/// `GraphValidator`. Encoding is canonical: see docs/graph-format.md.
public enum GraphCodec {
    /// Reads a graph file's text. `path` names the file in diagnostics and picks the format
    /// (`.json`; otherwise JSON when the text starts with `{`, else YAML).
    public static func decode(_ text: String, path: String?) throws -> GraphDocument {
        let format = GraphFormat.detect(path: path, text: text)
        let composed = try GraphComposer(text: text, format: format, path: path).compose()
        var builder = GraphBuilder(composed: composed, path: path, format: format)
        let graph = builder.build()
        if !builder.diagnostics.isEmpty {
            throw GraphFileError(sorted(builder.diagnostics))
        }
        return GraphDocument(
            graph: graph, sourceMap: builder.sourceMap, path: path, format: format,
            fingerprint: FileFingerprint(text: text), header: format == .yaml ? header(of: text) : "")
    }

    /// The canonical YAML text of a graph.
    public static func encode(_ graph: Graph) -> String {
        var writer = CanonicalYAMLWriter()
        writer.write(graph)
        return writer.out
    }

    /// The graph as pretty JSON with the same schema, in the same order as the YAML form.
    public static func encodeJSON(_ graph: Graph) -> String {
        var members: [String] = ["\"patchbay\": \(graph.formatVersion)"]
        if let title = graph.title { members.append("\"title\": " + JSONValue.string(title).compactJSON) }
        if let description = graph.description {
            members.append("\"description\": " + JSONValue.string(description).compactJSON)
        }
        let nodes = graph.nodes.map { node -> String in
            let fields = [("kind", JSONValue.string(node.kindName))] + CanonicalYAMLWriter.orderedFields(node)
            return JSONValue.string(node.id).compactJSON + ": "
                + jsonObject(fields.map { ($0.0, $0.1.prettyJSON) }, level: 2)
        }
        members.append(
            "\"nodes\": " + (nodes.isEmpty ? "{}" : "{\n    " + nodes.joined(separator: ",\n    ") + "\n  }"))
        if !graph.wires.isEmpty {
            members.append(
                "\"wires\": [\n    "
                    + graph.wires.map { JSONValue.string($0.description).compactJSON }.joined(separator: ",\n    ")
                    + "\n  ]")
        }
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    }

    /// The canonical text of a graph file in its own format (what `patchbay fmt` writes). Leading
    /// `#` comment lines of a YAML file are kept.
    public static func formatted(_ text: String, path: String?) throws -> String {
        let document = try decode(text, path: path)
        return encode(document.graph, format: document.format, header: document.header)
    }

    /// The canonical text of a graph in a format, after an optional header of comment lines.
    public static func encode(_ graph: Graph, format: GraphFormat, header: String = "") -> String {
        switch format {
        case .yaml: header + encode(graph)
        case .json: encodeJSON(graph)
        }
    }

    /// The leading lines of a YAML text that start with `#`, with their line breaks.
    public static func header(of text: String) -> String {
        var rest = Substring(text)
        while rest.hasPrefix("#"), let end = rest.firstIndex(of: "\n") {
            rest = rest[rest.index(after: end)...]
        }
        return String(text[text.startIndex..<rest.startIndex])
    }

    // MARK: Helpers

    /// `{ "k": v, … }` with pre-rendered pretty values, indented for nesting `level` deep.
    private static func jsonObject(_ members: [(String, String)], level: Int) -> String {
        let pad = String(repeating: "  ", count: level)
        let inner = members.map { key, value in
            pad + "  " + JSONValue.string(key).compactJSON + ": "
                + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad + "  ")
        }
        return "{\n" + inner.joined(separator: ",\n") + "\n" + pad + "}"
    }

    /// File order; problems without a location first.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): a.offset < b.offset
            case (nil, _): true
            case (_, nil): false
            case (let x?, let y?): x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
    }
}

extension Graph {
    /// SHA-256 of the canonical YAML: what run history and evals identify a graph by, so a
    /// graph compares equal however its file was formatted.
    public var contentHash: String { FileFingerprint(text: GraphCodec.encode(self)).sha256 }
}
