import Foundation
import Testing
import Yams

@testable import PatchbayCore

/// Canonical files read and written back byte for byte; everything else formats to them.
@Suite struct CodecRoundTripTests {
    static let sketch = """
        patchbay: 1
        title: Summarize, then check
        nodes:
          article: { kind: input, type: string, description: The text to summarize }
          summarize:
            kind: llm
            model: default
            prompt: |
              Summarize in one sentence:
              {{article}}
            temperature: 0.2
          short: { kind: check, jq: length < 200 }
          summary: { kind: output }
        wires:
          - article -> summarize.article
          - summarize.text -> short.value
          - short.pass -> summary.value

        """

    static let shapes = """
        patchbay: 1
        title: 'Shapes: every one'
        description: |
          A graph that uses

          every shape.
        nodes:
          q: { kind: input, type: string, default: 'yes', description: "tab\\there" }
          ask:
            kind: llm
            model: fast
            system: |-
              Be brief.

              Answer in Français — ünïcödé ✓ 日本語.
            prompt: |+
              Question: {{q}}


            stop: ["\\n", '###', 'null', '1.0']
            seed: 7
            json: true
            on_error: retry
            retries: 3
          route:
            kind: switch
            cases:
              - { port: positive, when: . == "positive" }
              - { port: other, when: 'true' }
            default: false
          chat:
            kind: llm
            messages:
              - { content: 'You are: terse', role: system }
              - content: |
                  Hi {{name}}
                  	indented with a tab
                role: user
          shape:
            kind: check
            schema:
              properties:
                age:
                  minimum: 0
                  type: integer
                name:
                  type: string
              required: [name, age]
              type: object
          odd: { kind: frobnicate, '*star': x, alpha: '1.0', zeta: -1.5 }
          empty: { kind: output, description: '' }
        wires:
          - q -> ask.q
          - ask.text -> route
          - '*odd -> x'

        """

    static let noWires = """
        # yaml-language-server: $schema=../docs/graph.schema.json
        patchbay: 1
        nodes:
          only: { kind: input, default: [1, 2.5, null, true, 'no'] }

        """

    static let empty = """
        patchbay: 1
        nodes: {}

        """

    @Test(arguments: [sketch, shapes, noWires, empty])
    func canonicalFileIsByteIdentical(_ text: String) throws {
        #expect(try GraphCodec.formatted(text, path: "g.graph.yaml") == text)
        let document = try GraphCodec.decode(text, path: nil)
        #expect(document.header + GraphCodec.encode(document.graph) == text)
    }

    @Test func canonicalFileDecodesToTheValuesWritten() throws {
        let graph = try GraphCodec.decode(Self.shapes, path: nil).graph
        #expect(graph.title == "Shapes: every one")
        #expect(graph.description == "A graph that uses\n\nevery shape.\n")
        #expect(graph["q"]?["default"] == "yes")
        #expect(graph["q"]?["description"] == "tab\there")
        #expect(graph["ask"]?["system"] == "Be brief.\n\nAnswer in Français — ünïcödé ✓ 日本語.")
        #expect(graph["ask"]?["prompt"] == "Question: {{q}}\n\n\n")
        #expect(graph["ask"]?["stop"] == ["\n", "###", "null", "1.0"])
        #expect(graph["ask"]?["json"] == true)
        #expect(graph["chat"]?["messages"]?.arrayValue?[1]["content"] == "Hi {{name}}\n\tindented with a tab\n")
        #expect(graph["shape"]?["schema"]?["required"] == ["name", "age"])
        #expect(graph["odd"]?.kindName == "frobnicate")
        #expect(graph["odd"]?.fields == ["*star": "x", "alpha": "1.0", "zeta": -1.5])
        #expect(graph["empty"]?["description"] == "")
        #expect(graph.wires.map(\.description) == ["q -> ask.q", "ask.text -> route", "*odd -> x"])
        #expect(graph.nodes.map(\.id) == ["q", "ask", "route", "chat", "shape", "odd", "empty"])
    }

    /// Every string survives encode → decode, and an independent YAML 1.1 reader (Yams' own
    /// resolver) reads the same text.
    @Test func trickyStringsRoundTrip() throws {
        let strings = [
            "", " ", " lead", "trail ", "a: b", "a:b", "a #b", "a#b", "#hash", "*star", "&anchor", "!bang",
            "|pipe", ">gt", "%pct", "@at", "`tick", "'single'", "\"double\"", "it's", "it's: x", "-", "-x", "- x",
            "---", "...", "?", "? x", ":", "x:", "[a]", "{a}", "a, b", "yes", "No", "ON", "off", "y", "n",
            "true", "False", "null", "~", "NULL", "1", "-1", "+1", "1.0", "1e3", ".5", "0x1F", "0o17", "1_000",
            "1:20", "2024-01-02", ".inf", "-.INF", ".nan", "<<", "=", "é", "日本語", "emoji 😀", "tab\there",
            "\ttab", "bell\u{07}", "nul\u{0}", "cr\r\nlf", "line\u{2028}sep", "nel\u{85}",
            "a\nb", "a\nb\n", "a\nb\n\n", "\n", "\n\n", "\nlead", "  indented\nsecond", "trail \nx", "x\n \ny",
            "x\n\ty", "ends with tab\t\nx", "\\backslash", "a -> b", "{{placeholder}}", "{{#items}}{{.}}{{/items}}",
        ]
        let graph = Graph(
            nodes: [
                Node(id: "n", kindName: "input", fields: ["default": .array(strings.map(JSONValue.string))]),
                Node(
                    id: "m", kindName: "x",
                    fields: Dictionary(
                        uniqueKeysWithValues: strings.enumerated().map { ("f\($0.offset)", .string($0.element)) })),
            ])
        let text = GraphCodec.encode(graph)
        let decoded = try GraphCodec.decode(text, path: nil).graph
        #expect(decoded == graph)
        #expect(GraphCodec.encode(decoded) == text)

        let loaded = try #require(try Yams.load(yaml: text) as? [String: Any])
        let nodes = try #require(loaded["nodes"] as? [String: Any])
        let m = try #require(nodes["m"] as? [String: Any])
        for (index, string) in strings.enumerated() {
            #expect(m["f\(index)"] as? String == string, "YAML 1.1 reader disagrees on \(string.debugDescription)")
        }
    }

    @Test func nonCanonicalYAMLFormatsToCanonical() throws {
        let messy = """
            # header comment is kept
            ---
            wires: [ "article -> summarize.article", summarize.text -> short.value ,
                     short.pass -> summary.value ]
            nodes:
                summary: {kind: output}
                article:   { description: "The text to summarize", kind: input, type: string }   # trailing comment
                summarize:
                    temperature: 0.20
                    prompt: "Summarize in one sentence:\\n{{article}}\\n"
                    kind: llm
                    model: default
                short: {jq: "length < 200", kind: check}
            title: >-
              Summarize,
              then check
            patchbay: 1
            """
        let expected = """
            # header comment is kept
            patchbay: 1
            title: Summarize, then check
            nodes:
              summary: { kind: output }
              article: { kind: input, type: string, description: The text to summarize }
              summarize:
                kind: llm
                model: default
                prompt: |
                  Summarize in one sentence:
                  {{article}}
                temperature: 0.2
              short: { kind: check, jq: length < 200 }
            wires:
              - article -> summarize.article
              - summarize.text -> short.value
              - short.pass -> summary.value

            """
        let once = try GraphCodec.formatted(messy, path: "a.graph.yaml")
        #expect(once == expected)
        #expect(try GraphCodec.formatted(once, path: "a.graph.yaml") == once)
    }

    @Test func nodesGrowIntoBlockStyleByShapeNotWidth() throws {
        let long = String(repeating: "word ", count: 40) + "end"
        var graph = Graph(nodes: [Node(id: "a", kindName: "input", fields: ["description": .string(long)])])
        #expect(GraphCodec.encode(graph).contains("  a: { kind: input, description: \(long) }\n"))
        graph.nodes[0].fields = ["type": "string", "default": "x", "description": "d", "retries": 1]
        #expect(
            GraphCodec.encode(graph).contains(
                "  a:\n    kind: input\n    type: string\n    default: x\n    description: d\n    retries: 1\n"))
        graph.nodes[0].fields = ["default": ["k": 1]]
        #expect(GraphCodec.encode(graph).contains("  a:\n    kind: input\n    default:\n      k: 1\n"))
    }

    @Test func jsonFormatsAsStableJSON() throws {
        let yaml = try GraphCodec.decode(Self.shapes, path: "g.graph.yaml").graph
        let json = GraphCodec.encodeJSON(yaml)
        #expect(json.hasPrefix("{\n  \"patchbay\": 1,\n  \"title\": \"Shapes: every one\",\n"))
        let document = try GraphCodec.decode(json, path: "g.json")
        #expect(document.format == .json)
        #expect(document.graph == yaml)
        #expect(try GraphCodec.formatted(json, path: "g.json") == json)
        // Foundation agrees it is JSON with the same content.
        #expect(try JSONValue(parsing: json)["nodes"]?["ask"]?["prompt"] == "Question: {{q}}\n\n\n")
    }

    @Test func changingOneFieldChangesOneLine() throws {
        let original = try GraphCodec.decode(Self.shapes, path: nil).graph
        var graph = original
        graph.nodes[graph.index(of: "ask")!]["seed"] = 8
        #expect(Self.changedLines(Self.shapes, GraphCodec.encode(graph)) == ["    seed: 7 →     seed: 8"])

        graph = original
        let system = graph["ask"]!["system"]!.stringValue!
        graph.nodes[graph.index(of: "ask")!]["system"] = .string(
            system.replacingOccurrences(of: "Be brief.", with: "Be very brief."))
        #expect(Self.changedLines(Self.shapes, GraphCodec.encode(graph)) == ["      Be brief. →       Be very brief."])

        let sketch = try GraphCodec.decode(Self.sketch, path: nil).graph
        graph = sketch
        graph.nodes[1]["temperature"] = 0.7
        #expect(
            Self.changedLines(Self.sketch, GraphCodec.encode(graph)) == ["    temperature: 0.2 →     temperature: 0.7"])
        graph = sketch
        graph.nodes[0]["description"] = "The article"
        #expect(Self.changedLines(Self.sketch, GraphCodec.encode(graph)).count == 1)
    }

    /// Formatting the shipped sample graphs loses nothing and is stable, and their JSON form reads
    /// back as the same graph.
    @Test func sampleGraphsFormatLosslessly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-graphs")
        let files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".graph.yaml") }.map { root.appendingPathComponent($0).path }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let graph = try GraphCodec.decode(text, path: file).graph
            let once = try GraphCodec.formatted(text, path: file)
            #expect(try GraphCodec.formatted(once, path: file) == once, "\(file)")
            #expect(try GraphCodec.decode(once, path: file).graph == graph, "\(file)")
            #expect(try GraphCodec.decode(GraphCodec.encodeJSON(graph), path: "g.json").graph == graph, "\(file)")
        }
    }

    /// The lines that differ, as `old → new`; nil entries when the line counts differ.
    static func changedLines(_ a: String, _ b: String) -> [String] {
        let old = a.split(separator: "\n", omittingEmptySubsequences: false)
        let new = b.split(separator: "\n", omittingEmptySubsequences: false)
        guard old.count == new.count else { return ["line count \(old.count) → \(new.count)"] }
        return zip(old, new).filter { $0 != $1 }.map { "\($0) → \($1)" }
    }
}
