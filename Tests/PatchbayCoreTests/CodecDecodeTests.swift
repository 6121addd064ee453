import Foundation
import Testing

@testable import PatchbayCore

/// What decoding makes of a file: values, types, locations, and the JSON form.
@Suite struct CodecDecodeTests {
    @Test func sourceLocationsPointAtKeys() throws {
        let text = """
            patchbay: 1
            title: t
            nodes:
              article: { kind: input, type: string }
              summarize:
                kind: llm
                prompt: |
                  Hello
                temperature: 0.2
            wires:
              - article -> summarize.article
              -   summarize.text -> out
            """
        let map = try GraphCodec.decode(text, path: "g.graph.yaml").sourceMap
        #expect(map[.topLevel("patchbay")] == SourceLocation(line: 1, column: 1))
        #expect(map[.topLevel("nodes")] == SourceLocation(line: 3, column: 1))
        #expect(map[.topLevel("wires")] == SourceLocation(line: 10, column: 1))
        #expect(map[.node("article")] == SourceLocation(line: 4, column: 3))
        #expect(map[.field(node: "article", field: "kind")] == SourceLocation(line: 4, column: 14))
        #expect(map[.field(node: "article", field: "type")] == SourceLocation(line: 4, column: 27))
        #expect(map[.node("summarize")] == SourceLocation(line: 5, column: 3))
        #expect(map[.field(node: "summarize", field: "prompt")] == SourceLocation(line: 7, column: 5))
        #expect(map[.field(node: "summarize", field: "temperature")] == SourceLocation(line: 9, column: 5))
        #expect(map[.wire(0)] == SourceLocation(line: 11, column: 5))
        #expect(map[.wire(1)] == SourceLocation(line: 12, column: 7))
        #expect(map.location(node: "summarize", field: "seed") == SourceLocation(line: 5, column: 3))
    }

    @Test func jsonLocationsToo() throws {
        let text = """
            {
              "patchbay": 1,
              "nodes": {
                "a": {"kind": "input"},
                "b": {
                  "kind": "output"
                }
              },
              "wires": ["a -> b"]
            }
            """
        let document = try GraphCodec.decode(text, path: "g.json")
        #expect(document.format == .json)
        #expect(document.sourceMap[.node("a")] == SourceLocation(line: 4, column: 5))
        #expect(document.sourceMap[.field(node: "b", field: "kind")] == SourceLocation(line: 6, column: 7))
        #expect(document.sourceMap[.wire(0)] == SourceLocation(line: 9, column: 13))
    }

    @Test func scalarsResolveLikeYAML12() throws {
        let text = """
            patchbay: 1
            nodes:
              n:
                kind: x
                block: |
                  1
                quoted_int: '1'
                double_quoted_int: "1"
                int: 1
                negative: -3
                hex: 0x1F
                float: 1.5
                exp: 1e3
                leading_dot: .5
                yes_is_text: yes
                off_is_text: off
                bool: true
                capital_bool: False
                null_word: null
                tilde: ~
                empty:
                tagged_str: !!str 12
                date_is_text: 2024-01-02
                version_is_text: 1.2.3
            """
        let fields = try #require(GraphCodec.decode(text, path: nil).graph["n"]?.fields)
        #expect(fields["quoted_int"] == "1")
        #expect(fields["double_quoted_int"] == "1")
        #expect(fields["int"] == 1)
        #expect(fields["negative"] == -3)
        #expect(fields["hex"] == 31)
        #expect(fields["float"] == 1.5)
        #expect(fields["exp"] == 1000)
        #expect(fields["leading_dot"] == 0.5)
        #expect(fields["yes_is_text"] == "yes")
        #expect(fields["off_is_text"] == "off")
        #expect(fields["bool"] == true)
        #expect(fields["capital_bool"] == false)
        #expect(fields["null_word"] == .null)
        #expect(fields["tilde"] == .null)
        #expect(fields["empty"] == .null)
        #expect(fields["tagged_str"] == "12")
        #expect(fields["date_is_text"] == "2024-01-02")
        #expect(fields["version_is_text"] == "1.2.3")
        #expect(fields["block"] == "1\n")
    }

    @Test func unknownKindsAndFieldsAreKeptForTheValidator() throws {
        let text = "patchbay: 1\nnodes:\n  a: { kind: lllm, promtp: hi, temperature: 0.5 }\n"
        let node = try #require(GraphCodec.decode(text, path: nil).graph["a"])
        #expect(node.kindName == "lllm")
        #expect(node.kind == nil)
        #expect(node.fields == ["promtp": "hi", "temperature": 0.5])
    }

    @Test func jsonReadsAsTheSameGraphAsYAML() throws {
        let yaml = """
            patchbay: 1
            title: Same
            nodes:
              article: { kind: input, type: string }
              ask:
                kind: llm
                prompt: |
                  Say {{article}}
                stop: ["\\n"]
                temperature: 0
            wires:
              - article -> ask.article
            """
        let json = """
            {"patchbay": 1, "title": "Same", "nodes": {"article": {"type": "string", "kind": "input"},
             "ask": {"kind": "llm", "prompt": "Say {{article}}\\n", "stop": ["\\n"], "temperature": 0.0}},
             "wires": ["article -> ask.article"]}
            """
        let fromYAML = try GraphCodec.decode(yaml, path: "g.graph.yaml")
        let fromJSON = try GraphCodec.decode(json, path: nil)
        #expect(fromJSON.format == .json)
        #expect(fromYAML.format == .yaml)
        #expect(fromJSON.graph == fromYAML.graph)
    }

    /// libyaml rejects surrogate-pair escapes that JSON allows; Foundation reads them instead,
    /// keeping the node order of the text.
    @Test func jsonThatLibyamlRejectsFallsBackToFoundation() throws {
        let json =
            #"{"patchbay": 1, "nodes": {"zed": {"kind": "input", "default": "\uD83D\uDE00"}, "alpha": {"kind": "output"}}, "wires": ["zed -> alpha"]}"#
        let document = try GraphCodec.decode(json, path: "g.json")
        #expect(document.graph["zed"]?["default"] == "😀")
        #expect(document.graph.nodes.map(\.id) == ["zed", "alpha"])
        #expect(document.graph.wires.count == 1)
    }

    /// The codec parses wires itself (for speed); it must agree with `Wire(parsing:)`.
    @Test func wireParsingAgreesWithTheModel() {
        let texts = [
            "a -> b", "a.out -> b.in", "  a.x->b  ", "a.b.c -> d", "a -> b.", "a b -> c", "a -> ", "-> b", ".x -> b",
            "a->->b", "a-->b", "a->>b", "\u{A0}a -> b\u{3000}", "a\u{A0}b -> c", "a\t->\tb", "a\n -> b", "é.ü -> 日本.語",
            "",
        ]
        for text in texts {
            #expect(GraphBuilder.wire(parsing: text) == Wire(parsing: text), "\(text.debugDescription)")
        }
    }

    @Test func formatIsChosenByExtensionThenContent() {
        #expect(GraphFormat.detect(path: "a.JSON", text: "patchbay: 1") == .json)
        #expect(GraphFormat.detect(path: "a.graph.yaml", text: "  \n{\"patchbay\": 1}") == .json)
        #expect(GraphFormat.detect(path: nil, text: "patchbay: 1") == .yaml)
    }

    @Test func fingerprintIsTheHashOfTheText() throws {
        let a = try GraphCodec.decode("patchbay: 1\n", path: nil)
        let b = try GraphCodec.decode("patchbay: 1\n\n", path: nil)
        #expect(a.fingerprint == FileFingerprint(text: "patchbay: 1\n"))
        #expect(a.fingerprint != b.fingerprint)
        // SHA-256 of "abc", a published test vector.
        #expect(
            FileFingerprint(text: "abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
