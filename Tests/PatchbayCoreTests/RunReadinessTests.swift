import Foundation
import Testing

@testable import PatchbayCore

/// The check before a run: every alias the graph and its sub-graphs use is asked once, and what
/// cannot work here (a key, the local model, trust) is a problem naming the nodes and the hint.
@Suite struct RunReadinessTests {
    /// Aliases `default` and `fast` resolve; `fast` has no key here; anything else is unknown.
    struct Models: ModelProvider {
        var unavailable: [String: ModelError] = [
            "fast": ModelError(
                "OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)",
                hint: "export OPENAI_API_KEY=…")
        ]

        func resolve(alias: String) throws -> ResolvedModel {
            guard ["default", "fast"].contains(alias) else { throw ModelError("unknown model alias `\(alias)`") }
            return ResolvedModel(alias: alias, provider: "stub", model: alias)
        }

        func complete(
            _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
        ) async throws -> ModelResponse {
            Issue.record("the check must ask no model")
            throw ModelError("not asked")
        }

        func unavailability(alias: String) -> ModelError? {
            if let error = unavailable[alias] { return error }
            do {
                _ = try resolve(alias: alias)
                return nil
            } catch { return error as? ModelError }
        }
    }

    /// Declares `time`, which an untrusted file may not start.
    struct Tools: ToolProvider {
        var serverNames: Set<String> { ["time"] }
        func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] { [] }
        func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws -> ToolResult
        {
            ToolResult(text: "")
        }
        func endRun(_ runID: String) async {}
        func refusal(of server: String, for use: ToolUse) -> ToolError? {
            use.trusted ? nil : ToolError("MCP server `\(server)` would run `uvx time`", hint: "trust it")
        }
    }

    static let sub = """
        patchbay: 1
        nodes:
          item: { kind: input }
          inner: { kind: llm, model: fast, prompt: "Say {{item}}" }
          result: { kind: output }
        wires:
          - item -> inner.item
          - inner.text -> result
        """

    func problems(
        _ main: String, trusted: Bool = false, aliases: [(alias: String, namedBy: String)] = []
    ) throws -> (path: String, problems: [Diagnostic]) {
        let fixture = try ValidationFixture()
        try fixture.write("sub.graph.yaml", Self.sub)
        let path = try fixture.write("main.graph.yaml", main)
        let trust = trusted ? GraphTrust(files: [path]) : .nothing
        let loader = GraphLoader(trust: trust)
        let found = RunReadiness.problems(
            try loader.load(path), loader: loader, models: Models(), tools: Tools(), trust: trust, aliases: aliases)
        return (path, found)
    }

    @Test func anAliasWithoutItsKeyIsOneProblemNamingEveryNodeInEveryFile() throws {
        let (path, found) = try problems(
            """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string }
              plain: { kind: llm, prompt: "Hello {{topic}}" }
              quick:
                kind: llm
                model: fast
                prompt: "Hi {{topic}}"
              each: { kind: map, graph: sub.graph.yaml }
              out: { kind: output }
            wires:
              - topic -> plain.topic
              - topic -> quick.topic
              - plain.text -> each.items
              - quick.text -> out
            """)
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.kind == .setup)
        #expect(
            problem.message
                == "nodes `quick`, `inner`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)"
        )
        #expect(problem.hint == "export OPENAI_API_KEY=…")
        #expect(problem.node == "quick")
        #expect(problem.file == path)
        // At the node's `model:` line, as validation places its alias errors.
        #expect(problem.location?.line == 7)
    }

    @Test func aGraphWhoseAliasesCanAnswerHasNoProblem() throws {
        let (_, found) = try problems(
            """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string }
              plain: { kind: llm, prompt: "Hello {{topic}}" }
              out: { kind: output }
            wires:
              - topic -> plain.topic
              - plain.text -> out
            """)
        #expect(found.isEmpty)
    }

    @Test func anUnknownAliasIsTheProvidersOwnError() throws {
        let (_, found) = try problems(
            """
            patchbay: 1
            nodes:
              ask: { kind: llm, model: fsat, prompt: "Hello" }
              out: { kind: output }
            wires:
              - ask.text -> out
            """)
        #expect(found.map(\.kind) == [.reference])
        #expect(found.first?.message == "node `ask`: unknown model alias `fsat`")
    }

    @Test func aliasesTheFrontEndNamesAreCheckedToo() throws {
        let (_, found) = try problems(
            """
            patchbay: 1
            nodes:
              ask: { kind: llm, prompt: "Hello" }
              out: { kind: output }
            wires:
              - ask.text -> out
            """, aliases: [("fast", "--models")])
        #expect(
            found.map(\.message) == [
                "--models: OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)"
            ])
        #expect(found.first?.node == nil)
    }

    @Test func aCommandNodeInAnUntrustedFileIsRefusedInItsOwnWords() throws {
        let graph = """
            patchbay: 1
            nodes:
              list: { kind: command, command: [ls, -l] }
              out: { kind: output }
            wires:
              - list.text -> out
            """
        let (path, found) = try problems(graph)
        #expect(found.map(\.kind) == [.trust])
        #expect(found.first?.message == "command node `list` would run `ls -l`, and \(path) is not trusted")
        #expect(found.first?.hint == .trustGraph(path: path, subgraphs: true))
        #expect(try problems(graph, trusted: true).problems.isEmpty)
    }

    @Test func anMCPServerTheFileMayNotStartIsRefused() throws {
        let graph = """
            patchbay: 1
            nodes:
              now: { kind: mcp, server: time, tool: get_time }
              out: { kind: output }
            wires:
              - now.result -> out
            """
        let (_, found) = try problems(graph)
        #expect(found.map(\.message) == ["node `now`: MCP server `time` would run `uvx time`"])
        #expect(try problems(graph, trusted: true).problems.isEmpty)
    }

    @Test func aReRunChecksOnlyWhatRunsAgainAndTheSubgraphsItReaches() throws {
        let fixture = try ValidationFixture()
        try fixture.write("sub.graph.yaml", Self.sub)
        let path = try fixture.write(
            "main.graph.yaml",
            """
            patchbay: 1
            nodes:
              list: { kind: command, command: [ls] }
              each: { kind: map, graph: sub.graph.yaml }
              up: { kind: jq, jq: "." }
              out: { kind: output }
            wires:
              - list.text -> each.items
              - each.results -> up
              - up -> out
            """)
        let loader = GraphLoader()
        func check(_ only: Set<String>?) throws -> [String?] {
            RunReadiness.problems(
                try loader.load(path), loader: loader, models: Models(), tools: Tools(), trust: .nothing, only: only
            ).map(\.node)
        }
        #expect(try check(nil) == ["list", "inner"])
        #expect(try check(["up", "out"]).isEmpty)
        #expect(try check(["each", "up", "out"]) == ["inner"])
    }
}
