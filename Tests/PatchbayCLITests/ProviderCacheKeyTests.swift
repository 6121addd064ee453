import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// The step cache answers only when nothing that can change the answer changed: a provider's
/// wire protocol and its raw-completions switch are part of the key, like its URL and model.
@Suite("the step cache key covers the provider")
struct ProviderCacheKeyTests {
    static let question = ["--input", "question=hi"]

    /// A keyless provider `fault` of `type` at the fault server, `default` on it.
    static func toml(_ server: FaultServer, type: String, raw: Bool? = nil) -> String {
        """
        [providers.fault]
        type = "\(type)"
        base_url = "\(server.baseURL)"
        api_key_env = ""
        max_retries = 0
        \(raw.map { "raw_completions = \($0)" } ?? "")

        [models]
        default = "fault:test-model"

        """
    }

    @Test("switching a provider from openai to anthropic at the same URL and model calls the model again")
    func providerTypeSwitch() async throws {
        let server = try await FaultServer.start(.init(reply: "First answer"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server, toml: Self.toml(server, type: "openai"))
        let first = try await project.run(["run", project.graph, "--json"] + Self.question)
        #expect(first.status == 0, "\(first)")
        #expect(server.modelCalls.map(\.path) == ["/v1/chat/completions"])

        server.setBehaviour(.init(reply: "Second answer"))
        try Data(Self.toml(server, type: "anthropic").utf8).write(to: project.configFile)
        let second = try await project.run(["run", project.graph, "--json"] + Self.question)
        #expect(second.status == 0, "\(second)")
        #expect(
            server.requests.map(\.path).contains("/v1/messages"),
            "the anthropic provider was called: \(server.requests.map(\.path))")
        #expect(try JSONValue(parsing: second.stdout)["outputs"]?["answer"] == "Model said: Second answer", "\(second)")
    }

    @Test("switching raw_completions on a provider calls the model again")
    func rawCompletionsSwitch() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let graph = FaultProject.graphText().replacingOccurrences(
            of: "model: default\n", with: "model: default\n    mode: complete\n")
        let project = try FaultProject.make(server, toml: Self.toml(server, type: "openai", raw: false), graph: graph)
        let first = try await project.run(["run", project.graph] + Self.question)
        #expect(first.status == 0, "\(first)")
        try Data(Self.toml(server, type: "openai", raw: true).utf8).write(to: project.configFile)
        let second = try await project.run(["run", project.graph] + Self.question)
        #expect(second.status == 0, "\(second)")
        #expect(server.modelCalls.map(\.path) == ["/v1/chat/completions", "/v1/completions"])
    }

    @Test("an unchanged provider is still answered from the cache")
    func unchangedHits() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server, toml: Self.toml(server, type: "anthropic"))
        for _ in 0..<2 {
            let r = try await project.run(["run", project.graph] + Self.question)
            #expect(r.status == 0, "\(r)")
        }
        #expect(server.requests.filter { $0.path == "/v1/messages" }.count == 1)
    }
}
