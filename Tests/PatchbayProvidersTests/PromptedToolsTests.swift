import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// The prompted tool protocol against the loopback server: the prompt and the constraint sent,
/// and each form of reply read back as a call or an answer.
@Suite("Prompted tool protocol")
struct PromptedToolsTests {
    /// An earlier turn: the model called `weather` and got its result.
    static let conversation =
        ToolWire.question + [
            ChatMessage(
                role: "assistant", content: "",
                toolCalls: [ToolCall(id: "call_1", name: "weather", arguments: ["city": "Paris"])]),
            ChatMessage(role: "tool", content: #"{"sky": "clear"}"#, toolCallID: "call_1"),
        ]

    /// One request with both tools through alias `fast` (`tools = "prompted"`, `constrain` as
    /// given), the server replying `reply`: the response, the body sent and the tokens streamed.
    func ask(
        reply: String, constrain: ConstrainMode, raw: Bool, messages: [ChatMessage] = Self.conversation,
        schema: JSONSchema? = nil
    ) async throws -> (ModelResponse, JSONValue, [String], String) {
        let server = try await FaultServer.start(.init(reply: reply))
        var config = ProviderHubFaultTests.hub(server, raw: raw).config
        config.aliases["fast"]?.tools = .prompted
        config.aliases["fast"]?.constrain = constrain
        let hub = ProviderHub(config: config, environment: ["OPENAI_API_KEY": ProviderHubFaultTests.key], local: nil)
        let tokens = TokenLog()
        var request = ToolWire.request(messages)
        request.schema = schema
        let result: Result<ModelResponse, any Error>
        do { result = .success(try await ProviderHubFaultTests.ask(hub, request, tokens: tokens)) } catch {
            result = .failure(error)
        }
        await hub.shutdown()
        try await server.shutdown()
        let sent = try #require(server.requests.first)
        return (try result.get(), try JSONValue(parsing: sent.bodyString), tokens.all, sent.path)
    }

    @Test func rawPromptCarriesToolsAndConversationAndAGrammar() async throws {
        _ = try LocalInstall.linkedInstall()  // the converter lives in the local venv: fails with the install command
        let (response, body, tokens, path) = try await ask(
            reply: #"{"tool": "clock", "arguments": {"zone": "Asia/Tokyo"}}"#, constrain: .grammar, raw: true)
        #expect(path == "/v1/completions")
        #expect(
            body["prompt"]?.stringValue == """
                Be brief.

                You can call these tools:
                - weather: The weather in a city.
                  city (string, required)
                - clock: The time in a zone.
                  zone (string)
                \(PromptedTools.instruction)

                User: Weather in Paris, time in Tokyo?
                Assistant: {"tool": "weather", "arguments": {"city":"Paris"}}
                Result: {"sky": "clear"}
                Assistant:
                """)
        #expect(body["tools"] == nil && body["messages"] == nil)
        let grammar = try #require(body["grammar"]?.stringValue, "\(body)")
        #expect(grammar.contains("root ::="))
        for word in [#"\"weather\""#, #"\"clock\""#, "answer"] {
            #expect(grammar.contains(word), "\(word): \(grammar)")
        }
        #expect(body["stop"]?.arrayValue?.contains("\nResult:") == true)
        // The second call of the conversation: ids do not repeat.
        #expect(response.toolCalls == [ToolCall(id: "call_2", name: "clock", arguments: ["zone": "Asia/Tokyo"])])
        #expect(response.text == "" && tokens.isEmpty, "a call is no answer text")
    }

    @Test func chatModeSendsMessagesAndLlamaCppTheShapeAsJSONSchema() async throws {
        let (response, body, tokens, path) = try await ask(
            reply: #"{"answer": "Clear in Paris."}"#, constrain: .llamaCpp, raw: false)
        #expect(path == "/v1/chat/completions")
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "user"])
        let system = try #require(messages[0]["content"]?.stringValue)
        #expect(system.hasPrefix("Be brief.\n\nYou can call these tools:\n- weather:"), "\(system)")
        #expect(messages[2]["content"] == #"{"tool": "weather", "arguments": {"city":"Paris"}}"#)
        #expect(messages[3]["content"] == #"Result: {"sky": "clear"}"#)
        #expect(body["tools"] == nil)
        let alternatives = try #require(body["json_schema"]?["anyOf"]?.arrayValue)
        #expect(alternatives.count == 3)
        #expect(
            alternatives[0]
                == [
                    "type": "object", "required": ["tool", "arguments"], "additionalProperties": false,
                    "properties": ["tool": ["enum": ["weather"]], "arguments": ToolWire.weather.parameters],
                ])
        #expect(alternatives[2]["properties"]?["answer"] == ["type": "string"])
        #expect(response.text == "Clear in Paris." && response.toolCalls.isEmpty)
        #expect(tokens == ["Clear in Paris."], "the answer, not its JSON, is streamed")
    }

    /// `constrain = "none"`: nothing constrains, and the reply is read leniently.
    @Test func unconstrainedRepliesAreReadLeniently() async throws {
        let (response, body, _, _) = try await ask(
            reply: "Sure!\n```json\n{\"tool\": \"weather\", \"arguments\": {\"city\": \"Oslo\"}}\n```",
            constrain: .none, raw: true, messages: ToolWire.question)
        #expect(body["grammar"] == nil && body["json_schema"] == nil && body["response_format"] == nil)
        #expect(response.toolCalls == [ToolCall(id: "call_1", name: "weather", arguments: ["city": "Oslo"])])
    }

    @Test(
        "each form of reply",
        arguments: [
            (
                #"{"tool": "clock", "arguments": {}}"#,
                PromptedTools.Reading.call(name: "clock", arguments: [:], error: nil)
            ),
            (#"{"tool": "clock"}"#, .call(name: "clock", arguments: [:], error: nil)),
            (#"{"answer": "Noon."}"#, .answer("Noon.")),
            (#"{"answer": {"h": 12}}"#, .answer(#"{"h":12}"#)),
            (
                #"{"tool": "clock", "arguments": "Tokyo"}"#,
                .call(
                    name: "clock", arguments: .string(#""Tokyo""#),
                    error: #"the arguments are not a JSON object: `"Tokyo"`"#)
            ),
            (
                #"{"tool": "clock", "arguments": {"zone": "Asia/Tok"#,
                .call(
                    name: "clock", arguments: .string(#"{"tool": "clock", "arguments": {"zone": "Asia/Tok"#),
                    error: "the call is not valid JSON; write one JSON object")
            ),
            ("  It is noon.\n", .answer("It is noon.")),
            (#"{"city": "Paris"}"#, .answer(#"{"city": "Paris"}"#)),
        ])
    func readingEachForm(reply: String, expected: PromptedTools.Reading) {
        #expect(PromptedTools.read(reply) == expected)
    }

    /// MCP servers' schemas use keywords outside Patchbay's subset: they are dropped, the rest
    /// kept; the node's `schema:` shapes the answer, its `$defs` moved to the root.
    @Test func shapeDropsUnsupportedKeywordsAndTakesTheNodesSchema() throws {
        let tool = ToolSpec(
            name: "fetch", description: "Fetch a URL.",
            parameters: [
                "type": "object", "required": ["url"],
                "properties": [
                    "url": ["type": "string", "format": "uri"], "max": ["type": "integer", "default": .number(5000)],
                ],
            ])
        let answer = try JSONSchema([
            "$defs": ["city": ["type": "string"]], "type": "object", "required": ["city"],
            "properties": ["city": ["$ref": "#/$defs/city"]],
        ])
        let prompted = PromptedTools(tools: [tool], answerSchema: answer, raw: true)
        let schema = try #require(prompted.schema)
        let arguments = schema.json["anyOf"]?.arrayValue?.first?["properties"]?["arguments"]
        #expect(arguments?["properties"] == ["url": ["type": "string"], "max": ["type": "integer"]])
        #expect(arguments?["required"] == ["url"])
        #expect(schema.json["$defs"] == ["city": ["type": "string"]])
        #expect(schema.validate(["tool": "fetch", "arguments": ["url": "http://x"]]) == [])
        #expect(schema.validate(["tool": "fetch", "arguments": [:]]) != [], "url is required")
        #expect(schema.validate(["answer": ["city": "Oslo"]]) == [])
        #expect(schema.validate(["answer": "Oslo"]) != [], "the answer has the node's schema")
    }

    @Test func toolsModeIsReadFromConfigAndDefaultsByProvider() throws {
        #expect(ModelConfig.builtIn.toolMode(forAlias: "default") == .prompted)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let user = folder.appendingPathComponent("config.toml").path
        func load(_ text: String) throws -> ModelConfig {
            try text.write(toFile: user, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: user)
            return try ConfigLoader.load(ConfigLocations(userFile: user, projectFile: nil))
        }
        let config = try load(
            """
            [providers.llama]
            base_url = "http://127.0.0.1:9/v1"
            constrain = "llama.cpp"
            [providers.vllm]
            base_url = "http://127.0.0.1:8/v1"
            [models.a]
            provider = "llama"
            model = "m"
            [models.b]
            provider = "vllm"
            model = "m"
            [models.c]
            provider = "vllm"
            model = "m"
            tools = "prompted"
            [models.d]
            provider = "openai"
            model = "gpt-4o-mini"
            [models.e]
            provider = "anthropic"
            model = "claude-haiku-4-5"
            """)
        #expect(config.toolMode(forAlias: "a") == .prompted)
        #expect(config.toolMode(forAlias: "b") == .native)
        #expect(config.toolMode(forAlias: "c") == .prompted)
        #expect(config.toolMode(forAlias: "d") == .native)
        #expect(config.toolMode(forAlias: "e") == .native)
        let error = #expect(throws: (any Error).self) {
            try load("[models.f]\nprovider = \"vllm\"\nmodel = \"m\"\ntools = \"prompt\"\n")
        }
        #expect("\(error!)".contains("unknown `tools` value `prompt`"), "\(error!)")
        #expect("\(error!)".contains("prompted"), "did you mean: \(error!)")
    }
}
