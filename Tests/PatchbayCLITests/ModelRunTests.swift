import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// `run` against configured back ends: `--model` overrides, alias checks, usage and cost.
@Suite("patchbay run with configured models")
struct ModelRunTests {
    static let question = ["--input", "question=hi"]

    @Test("--model default=fault:test-model sends the run to the fault server")
    func overrideDefault() async throws {
        let server = try await FaultServer.start(.init(reply: "Overridden answer"))
        defer { Task { try await server.shutdown() } }
        // The project defines the provider but leaves `default` on the bundled model.
        let project = try FaultProject.make(server, toml: FaultProject.providerTable(server, keyEnv: ""))
        let r = try await project.run(
            ["run", project.graph, "--model", "default=fault:test-model", "--json"] + Self.question)
        #expect(r.status == 0, "\(r)")
        #expect(try JSONValue(parsing: r.stdout)["outputs"]?["answer"] == "Model said: Overridden answer", "\(r)")
        #expect(server.modelCalls.count == 1)
        #expect(server.modelCalls.first?.json()?["model"] as? String == "test-model")
    }

    @Test("--model wins over the project file's alias")
    func overrideBeatsProject() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(
            server,
            toml: FaultProject.providerTable(server, keyEnv: "") + "\n[models]\ndefault = \"fault:from-config\"\n")
        let plain = try await project.run(["run", project.graph] + Self.question)
        #expect(plain.status == 0, "\(plain)")
        let overridden = try await project.run(
            ["run", project.graph, "--model", "default=fault:from-flag"] + Self.question)
        #expect(overridden.status == 0, "\(overridden)")
        #expect(server.modelCalls.compactMap { $0.json()?["model"] as? String } == ["from-config", "from-flag"])
    }

    @Test(
        "a malformed --model exits 2 with the expected form",
        arguments: ["nonsense", "default=", "default=fault", "=fault:m", "default=fault:"])
    func malformedOverride(spec: String) async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["run", project.graph, "--model", spec] + Self.question)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("--model: error: `\(spec)`"), "\(r)")
        #expect(r.stderr.contains("hint: e.g. --model default=openai:gpt-4o-mini"), "\(r)")
        #expect(server.requestCount == 0)
    }

    @Test("--model naming an unknown provider exits 2 and suggests the nearest")
    func overrideUnknownProvider() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["run", project.graph, "--model", "default=falut:test-model"] + Self.question)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("unknown provider `falut`"), "\(r)")
        #expect(r.stderr.contains("did you mean `fault`?"), "\(r)")
        #expect(server.requestCount == 0)
    }

    @Test("an llm node naming an undefined alias fails validation, naming the alias")
    func unknownAlias() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server, graph: FaultProject.graphText(model: "judge"))
        for command in ["run", "validate"] {
            let r = try await project.run([command, project.graph] + (command == "run" ? Self.question : []))
            #expect(r.status == 2, "`\(command)`: \(r)")
            #expect(r.stderr.contains("model alias `judge` of node `ask` is not defined"), "`\(command)`: \(r)")
            #expect(r.stderr.contains("`default`"), "the defined aliases are listed: \(r)")
        }
        // A typo gets a suggestion; --model can define the alias for one run.
        let typo = try FaultProject.make(server, graph: FaultProject.graphText(model: "defualt"))
        let r = try await typo.run(["run", typo.graph] + Self.question)
        #expect(r.status == 2 && r.stderr.contains("did you mean `default`?"), "\(r)")
        #expect(server.requestCount == 0)
        let defined = try await project.run(
            ["run", project.graph, "--model", "judge=fault:test-model"] + Self.question,
            environment: ["FAULT_API_KEY": "k"])
        #expect(defined.status == 0, "\(defined)")
        #expect(server.modelCalls.count == 1)
    }

    /// 1200 input and 340 output tokens at $1 and $2 per million.
    static let usage = (input: 1200, output: 340)
    static let expectedCost = (1200.0 * 1.0 + 340.0 * 2.0) / 1_000_000

    static func pricedProject(_ server: FaultServer) throws -> FaultProject {
        try FaultProject.make(
            server,
            toml: FaultProject.providerTable(server, keyEnv: "") + """

                [models]
                default = "fault:test-model"

                [prices."test-model"]
                input = 1.0
                output = 2.0

                """)
    }

    @Test("--json reports the usage the server counted and its cost at the configured price")
    func costInJSON() async throws {
        let server = try await FaultServer.start(.init(usage: Self.usage))
        defer { Task { try await server.shutdown() } }
        let project = try Self.pricedProject(server)
        let r = try await project.run(["run", project.graph, "--json"] + Self.question)
        #expect(r.status == 0, "\(r)")
        let result = try JSONValue(parsing: r.stdout)
        #expect(result["usage"]?["input_tokens"] == .number(1200), "\(r)")
        #expect(result["usage"]?["output_tokens"] == .number(340), "\(r)")
        let cost = try #require(result["cost_usd"]?.doubleValue, "\(r)")
        #expect(abs(cost - Self.expectedCost) < 1e-12, "cost \(cost), expected \(Self.expectedCost)")
        let ask = try #require(result["steps"]?.arrayValue?.first { $0["node"] == "ask" })
        #expect(abs((ask["cost_usd"]?.doubleValue ?? -1) - Self.expectedCost) < 1e-12, "\(ask)")
    }

    @Test("the run_finished event carries the same usage and cost")
    func costInEvents() async throws {
        let server = try await FaultServer.start(.init(usage: Self.usage))
        defer { Task { try await server.shutdown() } }
        let project = try Self.pricedProject(server)
        let r = try await project.run(["run", project.graph, "--events"] + Self.question)
        #expect(r.status == 0, "\(r)")
        let events = try r.stdoutLines.map { try JSONValue(parsing: $0) }
        let finished = try #require(events.last, "\(r)")
        #expect(finished["event"] == "run_finished", "\(r)")
        #expect(finished["result"]?["usage"]?["input_tokens"] == .number(1200), "\(finished)")
        #expect(finished["result"]?["usage"]?["output_tokens"] == .number(340), "\(finished)")
        let cost = try #require(finished["result"]?["cost_usd"]?.doubleValue, "\(finished)")
        #expect(abs(cost - Self.expectedCost) < 1e-12, "cost \(cost), expected \(Self.expectedCost)")
        #expect(events.contains { $0["event"] == "token" }, "the answer streamed: \(r)")
    }

    @Test("a list price does not apply to a server on this machine; a configured one does")
    func loopbackPrices() async throws {
        let server = try await FaultServer.start(.init(usage: Self.usage))
        defer { Task { try await server.shutdown() } }
        // gpt-4o has a list price, but this `gpt-4o` is served from 127.0.0.1.
        let project = try FaultProject.make(server, toml: FaultProject.providerTable(server, keyEnv: ""))
        let listed = try await project.run(
            ["run", project.graph, "--json", "--model", "default=fault:gpt-4o"] + Self.question)
        #expect(listed.status == 0, "\(listed)")
        #expect(try JSONValue(parsing: listed.stdout)["cost_usd"] == .number(0), "\(listed)")

        let priced = try FaultProject.make(
            server, toml: FaultProject.providerTable(server, keyEnv: "") + "\n[prices.\"gpt-4o\"]\ninput = 1\n")
        let r = try await priced.run(
            ["run", priced.graph, "--json", "--model", "default=fault:gpt-4o"] + Self.question)
        #expect(r.status == 0, "\(r)")
        // input from the file, output kept from the list price (10 per million).
        let expected = (1200.0 * 1 + 340.0 * 10) / 1_000_000
        let cost = try #require(try JSONValue(parsing: r.stdout)["cost_usd"]?.doubleValue, "\(r)")
        #expect(abs(cost - expected) < 1e-12, "cost \(cost), expected \(expected)")
    }
}
