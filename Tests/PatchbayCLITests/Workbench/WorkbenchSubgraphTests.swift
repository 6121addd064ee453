import Foundation
import PatchbayTestSupport
import Testing

/// Sub-graphs in the real binary under tmux (issue 16, item 5): a prompt edited inside a `map`
/// body is saved to the body's own file (the parent's file is not touched) and `u` undoes it;
/// `[` and `]` choose which item of a map run the sub-graph shows; `R` and `F` inside re-run from
/// the node in every item, the steps before it from the cache.
@Suite(.serialized)
struct WorkbenchSubgraphTests {
    static let body = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          shout: { kind: template, template: 'Loud: {{item}}' }
          out: { kind: output }
        wires:
          - item -> shout.item
          - shout.text -> out

        """

    static let parent = """
        patchbay: 1
        nodes:
          words: { kind: input, type: array }
          each: { kind: map, graph: body.graph.yaml }
          all: { kind: output }
        wires:
          - words -> each.items
          - each.results -> all

        """

    /// Another graph of the project calling the same body.
    static let report = parent.replacingOccurrences(of: "kind: map", with: "kind: graph")
        .replacingOccurrences(of: "words: { kind: input, type: array }", with: "item: { kind: input, type: string }")
        .replacingOccurrences(of: "words -> each.items", with: "item -> each.item")
        .replacingOccurrences(of: "each.results -> all", with: "each.out -> all")

    static let files = ["each.graph.yaml": parent, "body.graph.yaml": body, "report.graph.yaml": report]

    @Test("a prompt edited inside a map body saves the body's file, not the parent's, and u undoes it")
    func editInsideAMapBody() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await editSteps() } catch { Issue.record("\(error)") }
    }

    func editSteps() async throws {
        let tmux = try await TmuxSession(graph: "each.graph.yaml", files: Self.files)
        defer { tmux.close() }
        let bodyFile = tmux.graphs.appendingPathComponent("body.graph.yaml").path
        let parentFile = tmux.graphs.appendingPathComponent("each.graph.yaml").path
        try await tmux.waitFor("[1] Graph")
        try await enterEach(tmux)
        try await tmux.waitFor("body.graph.yaml is also used by report.graph.yaml")

        try await find("shout", tmux)
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "shout.template")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Very ")
        try await tmux.press("Escape")
        try await tmux.waitForAll(["Very Loud: {{item}}", "saved (u undoes it)"])
        try await tmux.press("C-s")
        try await tmux.waitFor("Saved")
        let saved = try await waitForFile(bodyFile) { $0.contains("'Very Loud: {{item}}'") }
        #expect(saved == Self.body.replacingOccurrences(of: "'Loud", with: "'Very Loud"), "\(saved)")
        #expect(try String(contentsOfFile: parentFile, encoding: .utf8) == Self.parent, "the parent changed")

        try await tmux.press("u")
        try await tmux.waitForAbsence(of: "Very Loud")
        _ = try await waitForFile(bodyFile) { $0 == Self.body }
        #expect(try String(contentsOfFile: parentFile, encoding: .utf8) == Self.parent)
    }

    @Test("] and [ choose which item of a map run the body shows: item 2 shows item 2's value")
    func chooseTheItemShown() async throws {
        do { try await itemSteps() } catch { Issue.record("\(error)") }
    }

    func itemSteps() async throws {
        let tmux = try await TmuxSession(graph: "each.graph.yaml", files: Self.files)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type(#"["alpha", "beta", "gamma"]"#)
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")

        try await enterEach(tmux)
        try await find("shout", tmux)
        // Which item finished last depends on the map's concurrency: the title says it is the latest.
        try await tmux.waitFor(", latest) in each.graph.yaml")

        // The list names each item with how it went and the start of its value; typing filters it.
        try await tmux.press("#")
        try await tmux.waitForAll(["Show which item of `each`", "item 3 of 3", "passed · gamma"])
        try await tmux.type("1")
        try await tmux.waitForAbsence(of: "item 3 of 3")
        try await tmux.press("Enter")
        try await tmux.waitForAll(["(item 1/3) in each.graph.yaml", #"text: "Loud: alpha""#])

        // ] shows item 2: its statuses, inputs and outputs.
        try await tmux.press("]")
        let second = try await tmux.waitForAll([
            "(item 2/3) in each.graph.yaml", #"item: "beta""#, #"text: "Loud: beta""#, "Showing item 2 of 3",
        ])
        #expect(!second.contains("Loud: alpha") && !second.contains("Loud: gamma"), "\(second)")
        try await tmux.press("[")
        try await tmux.waitForAll(["(item 1/3)", #"text: "Loud: alpha""#])
    }

    @Test("R inside a map body after a prompt edit re-runs the map and the run shows its changed output")
    func rerunInsideAMapBody() async throws {
        do { try await rerunSteps() } catch { Issue.record("\(error)") }
    }

    func rerunSteps() async throws {
        let tmux = try await TmuxSession(graph: "each.graph.yaml", files: Self.files)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type(#"["alpha"]"#)
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")

        try await enterEach(tmux)
        try await find("shout", tmux)
        try await tmux.waitFor(#"text: "Loud: alpha""#)
        try await tmux.press("3")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Very ")
        try await tmux.press("Escape")
        try await tmux.waitFor("saved (u undoes it)")
        // R on `shout` (a step inside `each`, which the engine does not re-run alone): `each` re-runs.
        try await tmux.press("1")
        try await tmux.press("R")
        try await tmux.waitForAll([#"text: "Very Loud: alpha""#, "Run finished"])

        // Outside, the map's output in the run is the changed one.
        try await tmux.press("Escape")
        try await find("all", tmux)
        try await tmux.waitFor("Very Loud: alpha")
    }

    /// A body whose first node asks a model: re-running from the node after it reuses its answers.
    static let thinking = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          think: { kind: llm, prompt: 'Think about {{item}}' }
          shout: { kind: template, template: 'Loud: {{text}}' }
          out: { kind: output }
        wires:
          - item -> think.item
          - think.text -> shout.text
          - shout.text -> out

        """

    @Test("F on a node inside a map body re-runs it in every item; the model step before it comes from the cache")
    func rerunFromInsideReusesTheStepsBefore() async throws {
        do { try await rerunFromSteps() } catch { Issue.record("\(error)") }
    }

    func rerunFromSteps() async throws {
        let server = try await FaultServer.start(.init(reply: "calm"))
        defer { Task { try await server.shutdown() } }
        let tmux = try await TmuxSession(
            graph: "each.graph.yaml", files: ["each.graph.yaml": Self.parent, "body.graph.yaml": Self.thinking],
            userConfig: WorkbenchRecordedPromptTests.userConfig(server))
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type(#"["alpha", "beta"]"#)
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")
        #expect(server.requestCount == 2)

        try await enterEach(tmux)
        try await find("shout", tmux)
        try await tmux.press("3")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Very ")
        try await tmux.press("Escape")
        try await tmux.waitFor("saved (u undoes it)")
        try await tmux.press("1")
        try await tmux.press("F")
        try await tmux.waitForAll([#"text: "Very Loud: calm""#, "Run finished", " 2 cached"])
        #expect(server.requestCount == 2, "think was not asked again")
    }

    // MARK: Helpers

    /// Selects `each` and opens its body.
    private func enterEach(_ tmux: TmuxSession) async throws {
        try await find("each", tmux)
        try await tmux.press("1")
        try await tmux.press("Enter")
        try await tmux.waitFor("Inside `each`")
    }

    /// `/` finds a node of the graph shown (also inside a sub-graph).
    private func find(_ node: String, _ tmux: TmuxSession) async throws {
        try await tmux.press("/")
        try await tmux.type(node)
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", node)
    }

    /// The file's text once `condition` holds (the runner saves after the screen shows the edit).
    private func waitForFile(_ path: String, _ condition: (String) -> Bool) async throws -> String {
        var text = ""
        for _ in 0..<100 {
            text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if condition(text) { return text }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(path) never became as expected; it holds:\n\(text)")
        return text
    }
}
