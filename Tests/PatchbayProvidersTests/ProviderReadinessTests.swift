import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// What the hub can tell about an alias before a run, without a request: the hosted key, the
/// local install, the project's untrusted key use, an unknown alias.
@Suite struct ProviderReadinessTests {
    static func config(_ overrides: String...) throws -> ModelConfig {
        var config = ModelConfig.builtIn
        for spec in overrides { try config.override(spec) }
        return config
    }

    @Test func aHostedAliasWithoutItsKeyIsUnavailableWithTheExportHint() throws {
        let hub = ProviderHub(config: try Self.config("fast=openai:gpt-4o-mini"), environment: [:], local: nil)
        let error = try #require(hub.unavailability(alias: "fast"))
        #expect(error.message == "OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)")
        #expect(error.hint?.description.hasPrefix("export OPENAI_API_KEY=…") == true)
        // Set but empty is not set.
        #expect(
            ProviderHub(config: try Self.config("fast=openai:gpt-4o-mini"), environment: ["OPENAI_API_KEY": ""])
                .unavailability(alias: "fast") != nil)
        #expect(
            ProviderHub(config: try Self.config("fast=openai:gpt-4o-mini"), environment: ["OPENAI_API_KEY": "sk-x"])
                .unavailability(alias: "fast") == nil)
    }

    @Test func anthropicAndOpenRouterNeedTheirKeysButServersOnThisMachineDoNot() throws {
        let config = try Self.config(
            "claude=anthropic:claude-3-5-haiku-latest", "router=openrouter:meta/llama", "llama=ollama:llama3.2")
        let hub = ProviderHub(config: config, environment: [:], local: nil)
        #expect(hub.unavailability(alias: "claude")?.message.hasPrefix("ANTHROPIC_API_KEY is not set") == true)
        #expect(hub.unavailability(alias: "router")?.message.hasPrefix("OPENROUTER_API_KEY is not set") == true)
        #expect(hub.unavailability(alias: "llama") == nil)
    }

    @Test func theLocalModelNotInstalledSaysToInstallIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-ready-\(UUID().uuidString)")
        let hub = ProviderHub(
            config: .builtIn, environment: [:], local: LocalModelService(paths: LocalModelPaths(root: root)))
        let error = try #require(hub.unavailability(alias: "default"))
        #expect(error.message == "the local model is not installed")
        #expect(error.hint == .installLocalModel)
        #expect(
            ProviderHub(config: .builtIn, environment: [:], local: nil).unavailability(alias: "default")?.message
                == "alias `default` uses the local model, which this front end does not start")
    }

    @Test func anUnknownAliasIsTheErrorACallWouldGive() throws {
        let hub = ProviderHub(config: .builtIn, environment: [:], local: nil)
        let error = try #require(hub.unavailability(alias: "fsat"))
        #expect(throws: ModelError.self) { try hub.resolve(alias: "fsat") }
        #expect(error.message.hasPrefix("unknown model alias `fsat`"))
    }
}
