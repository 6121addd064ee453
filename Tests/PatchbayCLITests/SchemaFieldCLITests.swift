import Foundation
import PatchbayCore
import Testing

/// `schema:` problems as `patchbay validate` prints them: at file:line:column, the keyword or
/// file named, with the diagnostic's kind in `--json`.
@Suite struct SchemaFieldCLITests {
    static let graph = """
        patchbay: 1
        nodes:
          text: { kind: input }
          ask:
            kind: llm
            prompt: "{{text}}"
            schema:
              type: object
              properties:
                when: { type: string, format: date }
          other:
            kind: llm
            prompt: "{{text}}"
            schema: { $ref: gone.schema.json }
        wires: [text -> ask.text, text -> other.text]
        """

    @Test("validate names the unsupported keyword and the missing file at their places")
    func validateLocatesSchemaProblems() async throws {
        let dir = try Scratch.project(["s.graph.yaml": Self.graph])
        let r = try await CLI.run(["validate", "s.graph.yaml"], in: dir)
        #expect(r.status != 0, "\(r)")
        #expect(
            r.stderr.contains(
                "s.graph.yaml:10:39: error: `schema` of llm node `ask`: schema at `properties.when.format`: keyword `format` is not supported"
            ), "\(r)")
        #expect(
            r.stderr.contains(
                "s.graph.yaml:14:21: error: `schema` of llm node `other`: schema file `gone.schema.json` not found"),
            "\(r)")

        let json = try await CLI.run(["validate", "s.graph.yaml", "--json"], in: dir)
        let kinds = try JSONValue(parsing: json.stdout)["files"]?.arrayValue?.first?["diagnostics"]?.arrayValue?
            .map { $0["kind"]?.stringValue ?? "" }
        #expect(kinds == ["field", "reference"], "\(json)")
    }
}
