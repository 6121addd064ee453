import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// One or more runs per node kind, through the real runner.
@Suite struct NodeKindTests {
    /// x -> node -> o (`port` of the node to the output).
    func single(_ n: Node, in port: String = "value", out: String = "value") -> Graph {
        graph([node("x", .input), n, node("o", .output)], ["x -> \(n.id).\(port)", "\(n.id).\(out) -> o"])
    }

    @Test func templateRendersWithoutEscapingAndNamesAMissingPlaceholder() async throws {
        let g = single(node("t", .template, ["template": "<b>{{v}}</b> & {{v}}"]), in: "v", out: "text")
        #expect(try await runGraph(g, inputs: ["x": "a<b"]).outputs["o"] == "<b>a<b</b> & a<b")
        let dotted = single(node("t", .template, ["template": "{{v.title}}"]), in: "v", out: "text")
        let result = try await runGraph(dotted, inputs: ["x": ["body": "no title"]])
        #expect(result.status == .failed)
        #expect(result.step("t")?.error?.message.contains("v.title") == true)
    }

    @Test func llmChatAndCompleteRequests() async throws {
        let model = ScriptedModelProvider.echo()
        let chat = graph(
            [
                node("x", .input),
                node(
                    "ask", .llm,
                    [
                        "system": "be brief", "prompt": "hi {{x}}", "temperature": 0.2, "max_tokens": 5, "stop": ["\n"],
                        "seed": 7,
                    ]),
                node("o", .output), node("u", .output),
            ],
            ["x -> ask.x", "ask.text -> o", "ask.usage -> u"])
        let result = try await runGraph(chat, inputs: ["x": "there"], models: model)
        #expect(result.outputs["o"] == "HI THERE")
        #expect(result.outputs["u"]?["output_tokens"] == 2)
        let request = try #require(model.requests.first)
        #expect(
            request.messages == [
                ChatMessage(role: "system", content: "be brief"), ChatMessage(role: "user", content: "hi there"),
            ])
        #expect(request.temperature == 0.2 && request.maxTokens == 5 && request.stop == ["\n"] && request.seed == 7)

        let complete = graph(
            [node("ask", .llm, ["mode": "complete", "prompt": "Q: 2+2\nA:"]), node("o", .output)], ["ask.text -> o"])
        _ = try await runGraph(complete, models: model)
        #expect(model.requests.last?.mode == .complete)
        #expect(model.requests.last?.prompt == "Q: 2+2\nA:")
    }

    @Test func llmJsonModeParsesTheAnswer() async throws {
        let model = ScriptedModelProvider { _ in "Sure! ```json\n{\"a\": 1}\n```" }
        let g = graph(
            [node("ask", .llm, ["prompt": "json please", "json": true]), node("o", .output)], ["ask.json -> o"])
        #expect(try await runGraph(g, models: model).outputs["o"] == ["a": 1])
        #expect(model.requests.first?.jsonMode == true)
    }

    @Test func unknownModelAliasFailsWithAHint() async throws {
        let g = graph([node("ask", .llm, ["prompt": "hi", "model": "judge"]), node("o", .output)], ["ask.text -> o"])
        let result = try await runGraph(g, models: ScriptedModelProvider.echo())
        #expect(result.step("ask")?.error?.message.contains("judge") == true)
    }

    @Test func parseJSONToleratesFencesAndProse() async throws {
        let g = single(node("p", .parseJSON), in: "text")
        #expect(
            try await runGraph(g, inputs: ["x": "Here you go:\n```json\n{\"ok\": true}\n```\nAnything else?"]).outputs[
                "o"] == ["ok": true])
        #expect(try await runGraph(g, inputs: ["x": "no json here"]).status == .failed)
    }

    @Test func jqWithNamedInputsAndAllResults() async throws {
        let g = graph(
            [
                node("a", .input), node("b", .input), node("j", .jq, ["jq": ".a + .b", "inputs": ["a", "b"]]),
                node("all", .jq, ["jq": ".[]", "all": true]), node("o", .output), node("p", .output),
            ],
            ["a -> j.a", "b -> j.b", "j -> o", "a -> all", "all -> p"])
        let result = try await runGraph(g, inputs: ["a": [1, 2], "b": [3]])
        #expect(result.outputs == ["o": [1, 2, 3], "p": [1, 2]])
    }

    static let checkCases: [([String: JSONValue], JSONValue, Bool)] = [
        (["contains": "cat"], "the cat sat", true),
        (["contains": "dog"], "the cat sat", false),
        (["icontains": "CAT"], "the cat sat", true),
        (["regex": "^\\d{3}$"], "123", true),
        (["regex": "^\\d{3}$"], "12a", false),
        (["equals": ["a": 1]], ["a": 1], true),
        (["schema": ["type": "object", "required": ["age"]]], ["name": "x"], false),
        (["jq": "length < 5"], "abc", true),
        (["jq": "length < 5", "contains": "z"], "abc", false),
    ]

    @Test(arguments: checkCases)
    func checkKinds(fields: [String: JSONValue], value: JSONValue, passes: Bool) async throws {
        let g = graph(
            [
                node("x", .input), node("c", .check, fields), node("ok", .output), node("bad", .output),
                node("why", .output),
            ],
            ["x -> c", "c.pass -> ok", "c.fail -> bad", "c.reason -> why"])
        let result = try await runGraph(g, inputs: ["x": value])
        #expect(result.status == .succeeded)
        #expect(result.outputs["ok"] == (passes ? value : nil))
        #expect(result.outputs["bad"] == (passes ? nil : value))
        #expect((result.outputs["why"] != nil) == !passes)
    }

    @Test func mergeModes() async throws {
        func merged(_ mode: String) async throws -> JSONValue? {
            let g = graph(
                [
                    node("x", .input), node("a", .jq, ["jq": ". + 1"]), node("b", .jq, ["jq": ". + 2"]),
                    node("m", .merge, ["mode": .string(mode)]), node("o", .output),
                ],
                ["x -> a", "x -> b", "b -> m.values", "a -> m.values", "m -> o"])
            return try await runGraph(g, inputs: ["x": 0]).outputs["o"]
        }
        #expect(try await merged("first") == 2)  // wire order: b's wire comes first
        #expect(try await merged("all") == [2, 1])
        #expect(try await merged("object") == ["a": 1, "b": 2])
    }

    @Test func humanNodeFailsWithoutAPersonAndTakesAnAnswer() async throws {
        let g = single(node("ask", .human, ["question": "Publish {{x}}?", "type": "boolean"]), in: "x", out: "answer")
        let alone = try await runGraph(g, inputs: ["x": "it"])
        let message = try #require(alone.step("ask")?.error?.message)
        #expect(message.contains("needs a person's answer (boolean) to: Publish it?"))

        struct Yes: HumanResponder {
            func answer(_ question: HumanQuestion) async throws -> JSONValue {
                .bool(question.question == "Publish it?")
            }
        }
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let result = try await Engine(environment: EngineEnvironment(human: Yes())).run(plan, inputs: ["x": "it"])
        #expect(result.outputs["o"] == true)
    }

    @Test func commandNodeRunsOnlyWhenTrusted() async throws {
        let g = single(node("cmd", .command, ["command": ["cat"]]))
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let refused = try await Engine(environment: EngineEnvironment()).run(plan, inputs: ["x": ["n": 1]])
        #expect(refused.step("cmd")?.error?.message.contains("not trusted") == true)
        let trusted = try await Engine(environment: EngineEnvironment(trust: GraphTrust(unsavedGraphs: true))).run(
            plan, inputs: ["x": ["n": 1]])
        #expect(trusted.outputs["o"] == ["n": 1])

        let failing = single(node("cmd", .command, ["command": ["sh", "-c", "echo oops >&2; exit 3"]]))
        let failed = try await Engine(environment: EngineEnvironment(trust: GraphTrust(unsavedGraphs: true))).run(
            try ExecutionPlan.build(failing, path: nil, resolver: nil), inputs: ["x": 1])
        #expect(failed.step("cmd")?.error?.message.contains("exited with status 3: oops") == true)
    }

    @Test func filesStayInsideTheProjectFolder() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pb-files-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("pb-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try "secret".write(to: outside.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: outside)
        let env = EngineEnvironment(projectRoot: root)

        let write = graph(
            [
                node("x", .input), node("w", .writeFile, ["path": "out/{{name}}.json", "format": "json"]),
                node("n", .input), node("o", .output),
            ],
            ["x -> w.content", "n -> w.name", "w.path -> o"])
        let wrote = try await Engine(environment: env).run(
            try ExecutionPlan.build(write, path: nil, resolver: nil), inputs: ["x": ["a": 1], "n": "r"])
        #expect(wrote.outputs["o"] == "out/r.json")
        let read = graph(
            [node("f", .readFile, ["path": "{{p}}", "format": "json"]), node("p", .input), node("o", .output)],
            ["p -> f.p", "f.content -> o"])
        let readPlan = try ExecutionPlan.build(read, path: nil, resolver: nil)
        #expect(try await Engine(environment: env).run(readPlan, inputs: ["p": "out/r.json"]).outputs["o"] == ["a": 1])

        for escape in ["../\(outside.lastPathComponent)/s.txt", "link/s.txt", "/etc/passwd"] {
            let result = try await Engine(environment: env).run(readPlan, inputs: ["p": .string(escape)])
            #expect(result.step("f")?.error?.message.contains("outside the project folder") == true, "\(escape)")
        }
        let escapeWrite = try await Engine(environment: env).run(
            try ExecutionPlan.build(write, path: nil, resolver: nil), inputs: ["x": 1, "n": "../../link/evil"])
        #expect(escapeWrite.status == .failed)
    }

    @Test func inputAndOutputTypesAreEnforced() async throws {
        let g = graph(
            [
                node("x", .input, ["default": "fallback"]), node("j", .jq, ["jq": "length"]),
                node("o", .output, ["type": "string"]),
            ], ["x -> j", "j -> o"])
        let result = try await runGraph(g)
        #expect(result.step("o")?.error?.message == "output `o` must be string, got integer")
    }
}
