import Foundation
import PatchbayTestSupport
import Testing

/// A project folder whose `patchbay.toml` makes provider `fault` a running fault server, with a
/// graph that asks alias `default` one question and echoes the answer through a template.
struct FaultProject {
    let root: URL
    let server: FaultServer

    var graph: String { root.appendingPathComponent("ask.graph.yaml").path }
    var configFile: URL { root.appendingPathComponent("patchbay.toml") }

    /// The graph: input → llm (alias `model`) → template → output.
    static func graphText(model: String = "default") -> String {
        """
        patchbay: 1
        title: Ask once
        nodes:
          question: { kind: input, type: string }
          ask:
            kind: llm
            model: \(model)
            prompt: "Answer briefly: {{question}}"
          echo: { kind: template, template: 'Model said: {{text}}' }
          answer: { kind: output, type: string }
        wires:
          - question -> ask.question
          - ask.text -> echo.text
          - echo.text -> answer

        """
    }

    /// `[providers.fault]` pointing at `server`, keyed by FAULT_API_KEY.
    static func providerTable(_ server: FaultServer, keyEnv: String = "FAULT_API_KEY") -> String {
        """
        [providers.fault]
        type = "openai"
        base_url = "\(server.baseURL)"
        api_key_env = "\(keyEnv)"
        max_retries = 0

        """
    }

    /// `toml` is the whole project file; by default the provider and `default = "fault:test-model"`.
    /// `trusted`: the project's config is on the trust list of the config folder runs use by
    /// default (`CLI.emptyConfig`), as the user's own project would be; tests of untrusted
    /// config pass false and a config folder of their own.
    static func make(
        _ server: FaultServer, toml: String? = nil, graph: String = FaultProject.graphText(), trusted: Bool = true
    ) throws -> FaultProject {
        let config = toml ?? providerTable(server) + "\n[models]\ndefault = \"fault:test-model\"\n"
        let root = try Scratch.project(["patchbay.toml": config, "ask.graph.yaml": graph])
        let project = FaultProject(root: root, server: server)
        if trusted { try project.trustConfig() }
        return project
    }

    /// Runs patchbay in the project folder.
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> CLIResult
    {
        try await CLI.run(arguments, stdin: stdin, in: root, environment: environment)
    }
}

/// A user config folder for `XDG_CONFIG_HOME` holding `patchbay/config.toml` with `mode`.
enum UserConfig {
    static func make(_ text: String, mode: Int16 = 0o600) throws -> (home: URL, file: URL) {
        let home = try Scratch.make("xdg")
        let folder = home.appendingPathComponent("patchbay")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (home, file)
    }
}

/// A fresh, recognisable key per test: any trace of it in output is a leak.
func makeSecret() -> String { "sk-SECRET-\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))" }

extension FaultServer {
    /// Chat requests only (the model list probe of `patchbay models` is not a model call).
    var modelCalls: [RecordedRequest] {
        requests.filter { $0.path == "/v1/chat/completions" || $0.path == "/v1/completions" }
    }
}
