import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// How each `constrain` mode puts an llm node's schema on the wire, checked on the body the
/// loopback server received.
@Suite("Schema constraints in request bodies")
struct SchemaConstraintTests {
    static let schema = try! JSONSchema([
        "type": "object", "required": ["name", "age"],
        "properties": ["name": ["type": "string"], "age": ["type": "integer"]],
    ])

    /// The body of one request through an alias whose `constrain` is `mode` (nil: the default).
    func body(
        kind: ProviderKind = .openai, mode: ConstrainMode?, schema: JSONSchema = Self.schema,
        request: ModelRequest = ModelRequest(messages: [ChatMessage(role: "user", content: "Ann is 31.")]),
        raw: Bool = false
    ) async throws -> JSONValue {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        var config = ProviderHubFaultTests.hub(server, kind: kind, raw: raw).config
        config.aliases["fast"]?.constrain = mode
        let env = kind == .anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"
        let hub = ProviderHub(config: config, environment: [env: "k"], local: nil)
        defer { Task { await hub.shutdown() } }
        var request = request
        request.schema = schema
        _ = try await hub.complete(request, model: try hub.resolve(alias: "fast")) { _ in }
        let sent = try #require(server.requests.first)
        return try JSONValue(parsing: sent.bodyString)
    }

    @Test func openAIGetsAStrictJSONSchemaResponseFormat() async throws {
        let sent = try await body(mode: .jsonSchema)
        #expect(
            sent["response_format"]
                == [
                    "type": "json_schema",
                    "json_schema": ["name": "answer", "schema": Self.schema.json, "strict": true],
                ])
        #expect(sent["grammar"] == nil && sent["json_schema"] == nil)
    }

    @Test func llamaCppGetsTheSchemaItselfAndNoneGetsNothing() async throws {
        let llama = try await body(mode: .llamaCpp)
        #expect(llama["json_schema"] == Self.schema.json && llama["response_format"] == nil)
        let none = try await body(mode: ConstrainMode.none)
        #expect(none["json_schema"] == nil && none["response_format"] == nil && none["grammar"] == nil)
        // The default of an OpenAI-compatible server that is not api.openai.com: validation only.
        let defaulted = try await body(mode: nil)
        #expect(defaulted["json_schema"] == nil && defaulted["response_format"] == nil)
    }

    /// Converted by llama.cpp's own converter from the local venv, in both modes; properties in
    /// the order `required` gives them.
    @Test func grammarModeSendsLlamaCppsGBNFInCompleteAndChatModes() async throws {
        _ = try LocalInstall.linkedInstall()  // fails, with the install command, when the venv is missing
        for request in [
            ModelRequest(mode: .complete, prompt: "Text: Ann is 31.\nJSON:"),
            ModelRequest(messages: [ChatMessage(role: "user", content: "Ann is 31.")]),
        ] {
            let sent = try await body(mode: .grammar, request: request, raw: true)
            let grammar = try #require(sent["grammar"]?.stringValue, "\(sent)")
            #expect(grammar.contains("root ::="), "\(grammar)")
            #expect(
                grammar.contains(#"char ::= [^"\\\x7F\x00-\x1F]"#), "no raw control characters in strings: \(grammar)")
            let root = try #require(grammar.split(separator: "\n").first { $0.hasPrefix("root ::=") })
            let name = try #require(root.range(of: "name-kv"))
            let age = try #require(root.range(of: "age-kv"))
            #expect(name.lowerBound < age.lowerBound, "\(root)")
        }
    }

    @Test func typeListsBecomeAnyOfForTheConverter() {
        let prepared = GrammarConverter.prepared(
            ["type": "object", "properties": ["n": ["type": ["string", "null"], "maxLength": 3, "description": "d"]]])
        #expect(
            prepared["properties"]?["n"]
                == [
                    "description": "d",
                    "anyOf": [["type": "string", "maxLength": 3], ["type": "null", "maxLength": 3]],
                ])
    }

    @Test func anthropicGetsAForcedToolWhoseInputSchemaIsTheSchema() async throws {
        let sent = try await body(kind: .anthropic, mode: nil)
        #expect(sent["tool_choice"] == ["type": "tool", "name": "answer"])
        #expect(sent["tools"]?.arrayValue?.first?["input_schema"] == Self.schema.json)
        // Not an object: wrapped as `value`, which a tool input needs.
        let list = try JSONSchema(["type": "array", "items": ["type": "string"]])
        let wrapped = try await body(kind: .anthropic, mode: .tool, schema: list)
        #expect(
            wrapped["tools"]?.arrayValue?.first?["input_schema"]
                == ["type": "object", "properties": ["value": list.json], "required": ["value"]])
        #expect(AnthropicBackend.unwrapped(#"{"value": ["a"]}"#) == #"["a"]"#)
    }

    /// The forced tool's input, streamed in fragments, is the answer's text; a wrapped one is
    /// unwrapped.
    @Test func anthropicsForcedToolInputIsTheAnswer() async throws {
        for (schema, arguments, expected) in [
            (Self.schema, #"{"name": "Ann", "age": 31}"#, #"{"name": "Ann", "age": 31}"#),
            (try JSONSchema(["type": "array", "items": ["type": "string"]]), #"{"value": ["a", "b"]}"#, #"["a","b"]"#),
        ] {
            let server = try await FaultServer.start(
                .init(turns: [.calls(.init(id: "toolu_1", name: "answer", arguments: arguments, pieces: 4))]))
            defer { Task { try await server.shutdown() } }
            let hub = ProviderHubFaultTests.hub(server, kind: .anthropic)
            let tokens = TokenLog()
            var request = ModelRequest(messages: [ChatMessage(role: "user", content: "Ann is 31.")])
            request.schema = schema
            let response: ModelResponse
            do {
                response = try await ProviderHubFaultTests.ask(hub, request, tokens: tokens)
                await hub.shutdown()
            } catch {
                await hub.shutdown()
                throw error
            }
            #expect(response.text == expected, "\(response)")
            #expect(response.toolCalls.isEmpty, "the answer tool is the answer, not a call to run")
            #expect(tokens.all.count > 1, "streamed as it comes: \(tokens.all)")
        }
    }

    @Test func constrainIsReadFromConfigAndDefaultsByProvider() throws {
        #expect(ModelConfig.builtIn.constrainMode(forAlias: "default") == .grammar)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-constrain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let user = folder.appendingPathComponent("config.toml").path
        try """
        [providers.mine]
        base_url = "http://127.0.0.1:9/v1"
        constrain = "llama.cpp"
        [models.a]
        provider = "mine"
        model = "m"
        [models.b]
        provider = "mine"
        model = "m"
        constrain = "none"
        [models.c]
        provider = "openai"
        model = "gpt-4o-mini"
        """.write(toFile: user, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: user)
        let config = try ConfigLoader.load(ConfigLocations(userFile: user, projectFile: nil))
        #expect(config.constrainMode(forAlias: "a") == .llamaCpp)
        #expect(config.constrainMode(forAlias: "b") == ConstrainMode.none)
        #expect(config.constrainMode(forAlias: "c") == .jsonSchema)
    }
}
