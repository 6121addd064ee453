import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// Model configuration from TOML: layering, the user file's permissions, keys, and errors that
/// point at the file and line.
@Suite final class ConfigLoaderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var userPath: String { folder.appendingPathComponent("user/patchbay/config.toml").path }
    var projectPath: String { folder.appendingPathComponent("project/patchbay.toml").path }
    var locations: ConfigLocations { ConfigLocations(userFile: userPath, projectFile: projectPath) }

    func write(_ text: String, to path: String, mode: Int = 0o600) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    func user(_ text: String, mode: Int = 0o600) throws { try write(text, to: userPath, mode: mode) }
    func project(_ text: String) throws { try write(text, to: projectPath, mode: 0o644) }

    /// The error `load` throws; fails the test when it throws none.
    func loadError(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(locations)
            Issue.record("expected a ConfigError", sourceLocation: sourceLocation)
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("expected a ConfigError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: - Built-ins and layering

    @Test func builtInsApplyWithoutFiles() throws {
        let config = try ConfigLoader.load(locations)
        #expect(config.sources.isEmpty)
        let alias = try #require(config.aliases["default"])
        #expect(alias.provider == "local" && alias.model == "gemma3-270m")
        #expect(alias.timeouts.firstToken == .seconds(120))
        let local = try #require(config.providers["local"])
        #expect(local.kind == .local && local.maxConcurrency == 1 && local.apiKeyEnv == nil && local.baseURL == "")
        #expect(config.providers["openai"]?.baseURL == "https://api.openai.com/v1")
        #expect(config.providers["openai"]?.apiKeyEnv == "OPENAI_API_KEY")
        #expect(config.providers["anthropic"]?.kind == .anthropic)
        #expect(config.providers["anthropic"]?.apiKeyEnv == "ANTHROPIC_API_KEY")
        #expect(config.providers["openrouter"]?.apiKeyEnv == "OPENROUTER_API_KEY")
        #expect(config.providers["ollama"]?.baseURL == "http://127.0.0.1:11434/v1")
        #expect(config.providers["ollama"]?.apiKeyEnv == nil)
        #expect(config.providers["lmstudio"]?.baseURL == "http://127.0.0.1:1234/v1")
        #expect(config.prices["gpt-4o-mini"] == Price(input: 0.15, output: 0.60))
    }

    @Test func projectOverridesUserOverridesBuiltIn() throws {
        try user(
            """
            [models]
            default = "openai:gpt-4o-mini"
            fast = "anthropic:claude-haiku-4-5"
            [prices."gpt-4o-mini"]
            input = 1
            """)
        try project(
            """
            [models]
            default = "openrouter:openai/gpt-4o"
            """)
        let config = try ConfigLoader.load(locations)
        #expect(config.aliases["default"]?.provider == "openrouter")
        #expect(config.aliases["default"]?.model == "openai/gpt-4o")
        #expect(config.aliases["fast"]?.provider == "anthropic")
        #expect(config.aliases["fast"]?.timeouts.firstToken == .seconds(60))
        // A price table changes only what it names.
        #expect(config.prices["gpt-4o-mini"] == Price(input: 1, output: 0.60))
        #expect(config.sources == [userPath, projectPath])
    }

    @Test func tableFormSetsParametersAndTimeouts() throws {
        try project(
            """
            [models.judge]
            provider = "anthropic"
            model = "claude-sonnet-4-5"
            temperature = 0
            max_tokens = 512
            top_p = 0.9
            seed = 7
            timeouts = { first_token = 30, total = 90.5 }

            [models.default]
            temperature = 0.2
            """)
        let config = try ConfigLoader.load(locations)
        let judge = try #require(config.aliases["judge"])
        #expect(judge.provider == "anthropic" && judge.model == "claude-sonnet-4-5")
        #expect(
            judge.parameters == [
                "temperature": .number(0), "max_tokens": .number(512), "top_p": .number(0.9), "seed": .number(7),
            ])
        #expect(
            judge.timeouts == Timeouts(connect: .seconds(10), firstToken: .seconds(30), total: .milliseconds(90_500)))
        // A table on an existing alias keeps what it does not name.
        let fallback = try #require(config.aliases["default"])
        #expect(fallback.provider == "local" && fallback.model == "gemma3-270m")
        #expect(fallback.parameters == ["temperature": .number(0.2)])
    }

    @Test func providersAreOverriddenOrDefined() throws {
        try user(
            """
            [providers.openrouter]
            max_concurrency = 2
            requests_per_minute = 60
            [providers.my-vllm]
            base_url = "http://10.0.0.5:8000/v1/"
            raw_completions = true
            timeouts = { first_token = 200 }
            [providers.local]
            timeouts = { first_token = 300 }
            [models]
            big = "my-vllm:qwen2.5-72b"
            """)
        let config = try ConfigLoader.load(locations)
        let router = try #require(config.providers["openrouter"])
        #expect(router.baseURL == "https://openrouter.ai/api/v1" && router.apiKeyEnv == "OPENROUTER_API_KEY")
        #expect(router.maxConcurrency == 2 && router.requestsPerMinute == 60)
        let vllm = try #require(config.providers["my-vllm"])
        #expect(vllm.kind == .openai && vllm.baseURL == "http://10.0.0.5:8000/v1" && vllm.rawCompletions)
        #expect(vllm.apiKeyEnv == "MY_VLLM_API_KEY")
        #expect(config.aliases["big"]?.timeouts.firstToken == .seconds(200))
        // A provider's timeouts reach aliases defined in an earlier layer.
        #expect(config.aliases["default"]?.timeouts.firstToken == .seconds(300))
    }

    // MARK: - Permissions and keys

    @Test func groupReadableUserFileIsRefused() throws {
        try user("[models]\ndefault = \"openai:gpt-4o\"\n", mode: 0o644)
        let error = try #require(loadError())
        #expect(error.file == userPath)
        #expect(error.description.hasPrefix("\(userPath): error: "))
        #expect(error.description.contains("mode 644"))
        #expect(error.hint == "run `chmod 600 \(userPath)`")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: userPath)
        #expect(try ConfigLoader.load(locations).aliases["default"]?.provider == "openai")
    }

    @Test func projectFileMayNotHoldKeys() throws {
        try project(
            """
            [models]
            default = "openai:gpt-4o"

            [providers.openai]
            api_key = "sk-project-secret-123"
            """)
        let error = try #require(loadError())
        #expect(error.file == projectPath && error.line == 5)
        #expect(error.message.contains("`api_key` is not allowed in the project file"))
        #expect(error.hint?.description.contains("OPENAI_API_KEY") == true)
        #expect(error.hint?.description.contains(userPath) == true)
        #expect(!error.description.contains("sk-project-secret-123"))
    }

    @Test func keyComesFromEnvironmentBeforeUserFile() throws {
        try user(
            """
            [providers.openai]
            api_key = "sk-file-secret-456"
            """)
        let config = try ConfigLoader.load(locations)
        let openai = try #require(config.providers["openai"])
        #expect(config.apiKey(for: openai, environment: ["OPENAI_API_KEY": "sk-env-789"])?.value == "sk-env-789")
        #expect(config.apiKey(for: openai, environment: [:])?.value == "sk-file-secret-456")
        #expect(config.apiKey(for: openai, environment: ["OPENAI_API_KEY": ""])?.value == "sk-file-secret-456")
        let anthropic = try #require(config.providers["anthropic"])
        #expect(config.apiKey(for: anthropic, environment: [:]) == nil)
        // Nothing that prints the config shows the key.
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), dumped, "\(config.keys)"] {
            #expect(!text.contains("sk-file-secret-456"))
        }
    }

    @Test func secretNeverPrintsItsValue() {
        let secret = Secret("sk-live-abcdef")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [
            secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret), dumped, "\([secret])",
        ] {
            #expect(!text.contains("sk-live-abcdef"))
        }
        #expect(secret.value == "sk-live-abcdef")
    }

    @Test func missingKeyErrorNamesVariableProviderAndAlias() throws {
        var config = ModelConfig.builtIn
        try config.override("fast=openai:gpt-4o-mini")
        let error = config.missingKeyError(for: config.providers["openai"]!, alias: "fast", userFile: userPath)
        #expect(error.message == "OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)")
        #expect(error.description.hasPrefix("error: OPENAI_API_KEY is not set"))
        #expect(error.hint?.description.contains("export OPENAI_API_KEY=") == true)
        #expect(
            error.hint?.description.contains("mode 600") == true && error.hint?.description.contains(userPath) == true)
        #expect(throws: ConfigError.self) { try config.requiredKey(forAlias: "fast", environment: [:]) }
        #expect(try config.requiredKey(forAlias: "fast", environment: ["OPENAI_API_KEY": "k"])?.value == "k")
        #expect(try config.requiredKey(forAlias: "default", environment: [:]) == nil)
    }

    @Test func keyInKeyEnvFieldIsRefusedWithoutEchoingIt() throws {
        try user(
            """
            [providers.openai]
            api_key_env = "sk-proj-pasted-by-mistake"
            """)
        let error = try #require(loadError())
        #expect(error.line == 2)
        #expect(!error.description.contains("sk-proj-pasted-by-mistake"))
    }

    // MARK: - Errors with places

    @Test func unknownKeySuggestsTheNearest() throws {
        try project(
            """
            [models.judge]
            provider = "anthropic"
            model = "claude-sonnet-4-5"
            tempurature = 0
            """)
        let error = try #require(loadError())
        #expect(
            error.description
                == "\(projectPath):4: error: unknown key `tempurature` in `[models.judge]`\n  hint: did you mean `temperature`?"
        )
    }

    @Test func unknownTableAndTimeoutKeySuggest() throws {
        try project("[modles]\ndefault = \"openai:gpt-4o\"\n")
        #expect(loadError()?.hint == .didYouMean(["models"]))
        try project("[models.judge]\nprovider = \"openai\"\nmodel = \"gpt-4o\"\ntimeouts = { first_tokens = 3 }\n")
        let error = try #require(loadError())
        #expect(error.line == 4 && error.hint == .didYouMean(["first_token"]))
    }

    @Test func wrongTypesAndRangesAreErrors() throws {
        try user("\n[providers.openai]\nmax_concurrency = \"4\"\n")
        #expect(
            loadError()?.description
                == "\(userPath):3: error: `providers.openai.max_concurrency` must be an integer, not a string")
        try user("[models.default]\ntemperature = 3\n")
        #expect(loadError()?.message == "`models.default.temperature` must be between 0 and 2, not 3")
        try user("[providers.x]\ntype = \"openia\"\nbase_url = \"http://h/v1\"\n")
        #expect(loadError()?.hint == .didYouMean(["openai"]))
        try user("[providers.x]\napi_key_env = \"X_KEY\"\n")
        #expect(loadError()?.message == "new provider `x` needs a `base_url`")
        try user("[models]\nfast = \"gpt-4o\"\n")
        #expect(loadError()?.line == 2)
    }

    @Test func aliasWithUnknownProviderIsAnError() throws {
        try user("[providers.corp]\nbase_url = \"https://llm.corp/v1\"\n")
        try project("# team models\n[models]\nfast = \"opnai:gpt-4o-mini\"\nlocal2 = \"corp:m\"\n")
        let error = try #require(loadError())
        #expect(error.file == projectPath && error.line == 3)
        #expect(error.message == "alias `fast` uses unknown provider `opnai`")
        #expect(error.hint?.description.hasPrefix("did you mean `openai`?") == true)
    }

    @Test func syntaxErrorReportsLineAndColumn() throws {
        try project("[models]\ndefault = \"openai:gpt-4o\"\njudge = = 3\n")
        let error = try #require(loadError())
        #expect(error.line == 3)
        #expect(error.column != nil)
        #expect(error.description.hasPrefix("\(projectPath):3:\(error.column ?? 0): error: invalid TOML"))
    }

    @Test func syntaxErrorDoesNotEchoAnUnquotedKey() throws {
        try user("[providers.openai]\napi_key = sk-unquoted-secret-000\n")
        let error = try #require(loadError())
        #expect(error.line == 2)
        #expect(!error.description.contains("unquoted-secret"))
    }

    // MARK: - --model overrides

    @Test func overrideParsesAliasProviderAndModel() throws {
        var config = ModelConfig.builtIn
        try config.override("default=openai:gpt-4o-mini")
        #expect(config.aliases["default"]?.provider == "openai" && config.aliases["default"]?.model == "gpt-4o-mini")
        // Leaving the local server takes the hosted provider's timeouts.
        #expect(config.aliases["default"]?.timeouts.firstToken == .seconds(60))
        try config.override("small=ollama:llama3.2:3b")
        #expect(config.aliases["small"]?.provider == "ollama" && config.aliases["small"]?.model == "llama3.2:3b")
        for spec in ["fast", "fast=openai", "=openai:gpt-4o", "fast=openai:", "fast=:gpt-4o"] {
            #expect(throws: ConfigError.self) { try config.override(spec) }
        }
        do {
            try config.override("fast=opnai:gpt-4o")
            Issue.record("expected an unknown-provider error")
        } catch let error as ConfigError {
            #expect(error.message == "unknown provider `opnai` in `fast=opnai:gpt-4o`")
            #expect(error.hint == .didYouMean(["openai"]))
        }
    }

    // MARK: - Prices and locations

    @Test func pricesResolveDatedNamesAndLocalIsFree() throws {
        var config = ModelConfig.builtIn
        #expect(PriceTable.lookup("gpt-4o-mini-2024-07-18", in: config.prices) == Price(input: 0.15, output: 0.60))
        #expect(PriceTable.lookup("claude-sonnet-4-5-20250929", in: config.prices) == Price(input: 3, output: 15))
        #expect(PriceTable.lookup("openai/gpt-4.1-nano", in: config.prices) == Price(input: 0.10, output: 0.40))
        #expect(PriceTable.lookup("mystery-model", in: config.prices) == nil)
        #expect(config.price(forAlias: "default") == Price(input: 0, output: 0))
        try config.override("o=ollama:gpt-4o")
        #expect(config.price(forAlias: "o") == Price(input: 0, output: 0))
        try config.override("h=openai:gpt-4o")
        #expect(config.price(forAlias: "h") == Price(input: 2.5, output: 10))
    }

    @Test func locationsFollowXDGAndTheProjectRoot() {
        let xdg = ConfigLocations.resolve(
            projectRoot: "/p/q", environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/h"])
        #expect(xdg.userFile == "/x/cfg/patchbay/config.toml")
        #expect(xdg.projectFile == "/p/q/patchbay.toml")
        let home = ConfigLocations.resolve(
            projectRoot: "/p", environment: ["HOME": "/home/ann", "XDG_CONFIG_HOME": "relative"])
        #expect(home.userFile == "/home/ann/.config/patchbay/config.toml")
    }
}
