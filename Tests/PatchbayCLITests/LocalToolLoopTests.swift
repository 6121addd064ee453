import Foundation
import PatchbayCore
import Testing

/// The prompted tool protocol live: the bundled base model, through the CLI, as an llm node
/// with `tools: [{mcp: time}]` on mcp-server-time. The property asserted is that every turn's
/// reply is a valid call of a real tool with arguments of that tool's shape, or an answer (the
/// grammar guarantees it); whether the tiny model calls the *right* tool with the right zone and
/// answers from the result is measured and printed.
@Suite(.serialized)
struct LocalToolLoopTests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            prompt: "{{question}}"
            tools: [{ mcp: time }]
            max_turns: 3
            temperature: 0
            max_tokens: 80
          answer: { kind: output, type: string }
        wires:
          - question -> agent.question
          - agent.text -> answer

        """

    static let questions: [(text: String, zone: String)] = [
        ("What time is it in Tokyo?", "Asia/Tokyo"),
        ("What is the current time in London?", "Europe/London"),
        ("What time is it now in New York?", "America/New_York"),
        ("Tell me the current time in Paris.", "Europe/Paris"),
        ("What time is it in Sydney?", "Australia/Sydney"),
    ]

    /// mcp-server-time's tools and their arguments (all strings, all required).
    static let shapes = [
        "get_current_time": ["timezone"], "convert_time": ["source_timezone", "target_timezone", "time"],
    ]

    @Test("every reply of the bundled model is a valid tool call or an answer")
    func promptedCallsAreValid() async throws {
        let home = try LocalModelHome.linked()
        let user = try UserConfig.make(MCPRunCLITests.config(try MCPRunCLITests.timeServer()))
        let dir = try Scratch.project(["agent.graph.yaml": Self.graph])
        var tally = (calls: 0, rightZone: 0, answered: 0, answerHasTime: 0)
        for question in Self.questions {
            let r = try await CLI.run(
                ["run", "agent.graph.yaml", "--input", "question=\(question.text)", "--json", "--no-store"], in: dir,
                environment: home.environment.merging(["XDG_CONFIG_HOME": user.home.path]) { $1 }, timeout: 300)
            let result = try JSONValue(parsing: r.stdout)
            let steps = result["steps"]?.arrayValue ?? []
            let turns = steps.filter { $0["path"]?.stringValue?.hasSuffix("]") == true && $0["node"] == "turn" }
            #expect(!turns.isEmpty, "\(r)")
            var times: [String] = []
            for turn in turns {
                #expect(turn["status"] == "succeeded", "\(turn)")
                for call in turn["outputs"]?["tool_calls"]?.arrayValue ?? [] {
                    tally.calls += 1
                    let name = call["name"]?.stringValue ?? ""
                    let shape = try #require(Self.shapes[name], "a tool the server has: \(call)")
                    let arguments = call["arguments"]?.objectValue ?? [:]
                    #expect(arguments.keys.sorted() == shape, "\(call)")
                    #expect(arguments.values.allSatisfy { $0.stringValue != nil }, "\(call)")
                    if name == "get_current_time", arguments["timezone"]?.stringValue == question.zone {
                        tally.rightZone += 1
                    }
                }
            }
            for step in steps where step["kind"] == "mcp" {
                if let text = step["outputs"]?["result"]?["datetime"]?.stringValue, text.count >= 16 {
                    times.append(String(text.dropFirst(11).prefix(5)))  // HH:MM
                }
            }
            if r.status == 0, let answer = result["outputs"]?["answer"]?.stringValue {
                tally.answered += 1
                if times.contains(where: answer.contains) { tally.answerHasTime += 1 }
                print("[LocalToolLoopTests] \(question.text) → \(answer.prefix(120))")
            } else {
                print("[LocalToolLoopTests] \(question.text) → no answer: \(result["error"]?["message"] ?? .null)")
            }
            #expect(home.serverProcesses.isEmpty, "a server outlived patchbay run: \(home.serverProcesses)")
        }
        #expect(tally.calls >= Self.questions.count, "each question gets at least one call: \(tally)")
        print(
            "[LocalToolLoopTests] \(Self.questions.count) questions: \(tally.calls) valid calls, \(tally.rightZone) get_current_time with the right zone, \(tally.answered) answered, \(tally.answerHasTime) answers with the tool's time"
        )
    }
}
