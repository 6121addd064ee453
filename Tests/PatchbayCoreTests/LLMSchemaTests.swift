import Foundation
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayCore

/// `schema:` on llm nodes: loaded and checked with the graph, sent with the request, the answer
/// validated before the step succeeds.
@Suite struct LLMSchemaTests {
    static let person: JSONValue = [
        "type": "object", "required": ["name", "age"], "additionalProperties": false,
        "properties": ["name": ["type": "string"], "age": ["type": "integer"]],
    ]

    func extract(_ schema: JSONValue, _ extra: [String: JSONValue] = [:]) -> Graph {
        var fields: [String: JSONValue] = ["prompt": "Text: {{text}}\nJSON:", "schema": schema]
        fields.merge(extra) { $1 }
        return graph(
            [node("text", .input), node("ask", .llm, fields), node("out", .output)],
            ["text -> ask.text", "ask.json -> out"])
    }

    @Test func aConformingAnswerIsEmittedParsedAndTheSchemaIsSent() async throws {
        let model = ScriptedModelProvider { _ in #"{"name": "Ann", "age": 31}"# }
        let result = try await runGraph(extract(Self.person), inputs: ["text": "Ann is 31."], models: model)
        #expect(result.outputs["out"] == ["name": "Ann", "age": 31])
        #expect(model.requests.first?.schema?.json == Self.person)
    }

    @Test func aViolationFailsTheStepWithItsPathAndOnErrorRetryApplies() async throws {
        let failed = try await runGraph(
            extract(Self.person), inputs: ["text": "x"],
            models: ScriptedModelProvider { _ in #"{"name": "Ann", "age": "31"}"# })
        #expect(failed.status == .failed)
        let message = try #require(failed.step("ask")?.error?.message)
        #expect(message.contains("does not match `schema`: $.age: expected integer, got string \"31\""), "\(message)")
        #expect(failed.step("ask")?.error?.hint?.description.contains("on_error: retry") == true)

        // Wrong first, right second: a retry gets the good answer.
        let calls = Mutex(0)
        let model = ScriptedModelProvider { _ in
            calls.withLock {
                $0 += 1
                return $0 == 1 ? "no JSON here" : #"{"name": "Bo", "age": 2}"#
            }
        }
        let retried = try await runGraph(
            extract(Self.person, ["on_error": "retry", "retries": 2, "backoff": 0.01]), inputs: ["text": "x"],
            models: model)
        #expect(retried.outputs["out"] == ["name": "Bo", "age": 2])
        #expect(retried.step("ask")?.attempts == 2 && model.calls == 2)
    }

    @Test func aRefFileIsReadBesideTheGraphAndItsContentIsInTheCacheKey() async throws {
        let fixture = try ValidationFixture()
        let schemaPath = try fixture.write(
            "schemas/person.schema.yaml", "type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n")
        let graphPath = fixture.folder + "/main.graph.yaml"
        let g = extract(["$ref": "schemas/person.schema.yaml"])
        let cache = MemoryStepCache()
        let model = ScriptedModelProvider { _ in #"{"name": "Ann"}"# }
        func run() async throws -> RunResult {
            let plan = try ExecutionPlan.build(g, path: graphPath, resolver: nil)
            return try await Engine(environment: EngineEnvironment(models: model, cache: cache))
                .run(plan, inputs: ["text": "t"], options: RunOptions())
        }
        #expect(try await run().outputs["out"] == ["name": "Ann"])
        #expect(model.requests.last?.schema?.json["required"] == ["name"])
        _ = try await run()
        #expect(model.calls == 1, "the same schema file: a cache hit")
        try "type: object\nrequired: [name, age]\nproperties:\n  name: {type: string}\n".write(
            toFile: schemaPath, atomically: true, encoding: .utf8)
        let changed = try await run()
        #expect(model.calls == 2, "an edited schema file misses the cache")
        #expect(changed.status == .failed, "and the cached-by-name answer no longer passes")
    }

    /// A schema file outside the project is read only when the graph is trusted, as `graph:`
    /// paths are; the plan is built either way (trust is known when the run starts).
    @Test func aRefOutsideTheProjectIsReadOnlyForATrustedGraph() async throws {
        let fixture = try ValidationFixture()
        try fixture.write("shared.schema.json", #"{"type": "object", "required": ["name"]}"#)
        try fixture.write("project/patchbay.toml", "")
        let graphPath = fixture.folder + "/project/main.graph.yaml"
        let plan = try ExecutionPlan.build(extract(["$ref": "../shared.schema.json"]), path: graphPath, resolver: nil)
        let model = ScriptedModelProvider { _ in #"{"name": "Ann"}"# }
        func run(_ trust: GraphTrust) async throws -> RunResult {
            try await Engine(environment: EngineEnvironment(models: model, trust: trust))
                .run(plan, inputs: ["text": "t"], options: RunOptions())
        }
        let refused = try await run(.nothing)
        #expect(refused.status == .failed && model.calls == 0, "nothing is asked of the model")
        #expect(refused.step("ask")?.error?.message.contains("outside the project folder") == true)
        let trusted = try await run(GraphTrust(files: [graphPath]))
        #expect(trusted.outputs["out"] == ["name": "Ann"] && model.requests.last?.schema?.json["required"] == ["name"])
    }

    @Test func schemaProblemsAreDiagnosticsAtTheKeywordOrTheRef() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              text: { kind: input }
              inline:
                kind: llm
                prompt: "{{text}}"
                schema:
                  type: object
                  properties:
                    name: { type: string, pattern: "^A" }
              missing:
                kind: llm
                prompt: "{{text}}"
                schema: { $ref: nowhere.schema.json }
              outside:
                kind: llm
                prompt: "{{text}}"
                schema: { $ref: ../../elsewhere.schema.json }
              bad_file:
                kind: llm
                prompt: "{{text}}"
                schema: { $ref: bad.schema.json }
            wires:
              - text -> inline.text
              - text -> missing.text
              - text -> outside.text
              - text -> bad_file.text
            """,
            "bad.schema.json": #"{"type": "object", "properties": {"a": {"format": "email"}}}"#,
            "patchbay.toml": "",
        ])
        // At the offending keyword's value in the graph, or at the `$ref` naming the file.
        let keyword = try #require(diagnostics.only("keyword `pattern` is not supported"))
        #expect(
            keyword.kind == .field && keyword.file == path && keyword.location == at(10, 40) && keyword.node == "inline"
        )
        #expect(keyword.message.hasPrefix("`schema` of llm node `inline`: schema at `properties.name.pattern`:"))
        let missing = try #require(diagnostics.only("schema file `nowhere.schema.json` not found"))
        #expect(missing.kind == .reference && missing.location == at(14, 21))
        let outside = try #require(diagnostics.only("schema file `../../elsewhere.schema.json` resolves to"))
        #expect(outside.kind == .trust && outside.location == at(18, 21))
        let file = try #require(diagnostics.only("schema file `bad.schema.json` at `properties.a.format`"))
        #expect(
            file.kind == .field && file.location == at(22, 21)
                && file.message.contains("keyword `format` is not supported"))
        #expect(diagnostics.count == 4, "\(diagnostics.map(\.description))")
    }

    @Test func aGoodInlineSchemaAndAGoodFileAreValid() throws {
        let (_, diagnostics) = try ValidationFixture().validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              text: { kind: input }
              a: { kind: llm, prompt: "{{text}}", schema: { type: object, properties: { n: { type: integer } } } }
              b: { kind: llm, prompt: "{{text}}", schema: { $ref: person.schema.json } }
            wires: [text -> a.text, text -> b.text]
            """,
            "person.schema.json":
                #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "title": "P"}"#,
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }
}
