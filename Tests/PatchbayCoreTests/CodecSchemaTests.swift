import Foundation
import Testing

@testable import PatchbayCore

/// docs/graph.schema.json is generated from the kind catalogue; these tests keep it so.
@Suite struct CodecSchemaTests {
    static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/graph.schema.json").path

    /// `PATCHBAY_RECORD=1 swift test --filter CodecSchemaTests` rewrites the file.
    @Test func committedSchemaMatchesTheCatalogue() throws {
        let expected = GraphSchema.jsonSchema().prettyJSON + "\n"
        if ProcessInfo.processInfo.environment["PATCHBAY_RECORD"] == "1" {
            try expected.write(toFile: Self.schemaPath, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        #expect(
            committed == expected,
            "docs/graph.schema.json is stale: run PATCHBAY_RECORD=1 swift test --filter CodecSchemaTests")
    }

    @Test func everyKindHasItsFieldsClosedAndRequired() throws {
        let defs = try #require(GraphSchema.jsonSchema()["$defs"])
        for spec in KindSpec.all {
            let def = try #require(defs[spec.kind.rawValue], "no schema for \(spec.kind.rawValue)")
            #expect(def["additionalProperties"] == false)
            let properties = try #require(def["properties"]?.objectValue)
            #expect(Set(properties.keys) == Set(["kind"] + spec.allFields.map(\.name)))
            for field in spec.allFields { #expect(properties[field.name]?["description"] == .string(field.doc)) }
            #expect(
                def["required"] == .array((["kind"] + spec.fields.filter(\.required).map(\.name)).map(JSONValue.string))
            )
        }
        #expect(defs["llm"]?["properties"]?["mode"]?["enum"] == ["chat", "complete"])
        #expect(
            defs["input"]?["properties"]?["type"]?["enum"] == .array(PortType.allCases.map { .string($0.rawValue) }))
    }

    /// Each kind's documented example decodes, and uses only fields the schema allows.
    @Test func kindExamplesFitTheSchema() throws {
        let defs = try #require(GraphSchema.jsonSchema()["$defs"])
        for spec in KindSpec.all {
            let body = spec.example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
                separator: "\n")
            let graph = try GraphCodec.decode("patchbay: 1\nnodes:\n\(body)\n", path: "\(spec.kind.rawValue) example")
                .graph
            let node = try #require(graph.nodes.first)
            #expect(node.kind == spec.kind)
            let allowed = try #require(defs[spec.kind.rawValue]?["properties"]?.objectValue)
            for field in node.fields.keys {
                #expect(allowed[field] != nil, "\(spec.kind.rawValue) example uses `\(field)`")
            }
        }
    }

    @Test func wirePatternMatchesWhatTheCodecAccepts() throws {
        let pattern = try NSRegularExpression(pattern: GraphSchema.wirePattern)
        func matches(_ s: String) -> Bool { pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
        for text in [
            "a -> b", "a.out -> b.in", "  a.x->b  ", "a.b.c -> d", "a -> b.", "a b -> c", "a -> ", "-> b", ".x -> b",
        ] {
            #expect(matches(text) == (Wire(parsing: text) != nil), "\(text)")
        }
    }
}
