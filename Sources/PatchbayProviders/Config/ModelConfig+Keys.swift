import PatchbayCore

extension ModelConfig {
    /// The key for `provider`: its environment variable when set and non-empty, else the user
    /// file's `api_key`; nil when neither has one.
    public func apiKey(for provider: ProviderSettings, environment: [String: String]) -> Secret? {
        if let env = provider.apiKeyEnv, let value = environment[env], !value.isEmpty { return Secret(value) }
        return keys[provider.name]
    }

    /// The key the alias's provider needs: nil when it needs none (no `api_key_env`, no file key),
    /// else the key, or the missing-key error.
    public func requiredKey(forAlias alias: String, environment: [String: String]) throws -> Secret? {
        guard let entry = aliases[alias], let provider = providers[entry.provider] else { return nil }
        if let key = apiKey(for: provider, environment: environment) { return key }
        guard provider.apiKeyEnv != nil else { return nil }
        throw missingKeyError(for: provider, alias: alias, userFile: nil)
    }

    /// "OPENAI_API_KEY is not set (needed by provider `openai` for alias `fast`)".
    public func missingKeyError(for provider: ProviderSettings, alias: String?, userFile: String?) -> ConfigError {
        let env = provider.apiKeyEnv ?? Self.defaultKeyEnv(forProvider: provider.name)
        let user = userFile.map { "`\($0)`" } ?? "the user config (~/.config/patchbay/config.toml)"
        let forAlias = alias.map { " for alias `\($0)`" } ?? ""
        return ConfigError(
            file: nil,
            message: "\(env) is not set (needed by provider `\(provider.name)`\(forAlias))",
            hint:
                "export \(env)=…, or put api_key = \"…\" under [providers.\(ConfigDocument.dotted([provider.name]))] in \(user) with mode 600"
        )
    }

    /// A new provider's key variable: `my-vllm` → `MY_VLLM_API_KEY`.
    public static func defaultKeyEnv(forProvider name: String) -> String {
        let stem = name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "_" }.joined()
        return stem + "_API_KEY"
    }

    static func isEnvironmentVariableName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
