extension ModelConfig {
    /// What applies before any config file: every well-known provider, and `default` on the
    /// bundled local model so a fresh install runs offline.
    public static var builtIn: ModelConfig {
        ModelConfig(
            providers: Dictionary(uniqueKeysWithValues: builtInProviders.map { ($0.name, $0) }),
            aliases: [
                "default": ModelAlias(
                    alias: "default", provider: "local", model: "gemma3-270m", timeouts: localTimeouts)
            ],
            prices: PriceTable.defaults,
            listPriced: Set(PriceTable.defaults.keys)
        )
    }

    /// Servers on this machine load the model on their first call, which can take a minute on a
    /// cold disk; after that they answer quickly, so only the first-token limit is generous.
    static let localTimeouts = Timeouts(connect: .seconds(5), firstToken: .seconds(120), total: .seconds(300))
    static let hostedTimeouts = Timeouts(connect: .seconds(10), firstToken: .seconds(60), total: .seconds(300))

    static let builtInProviders: [ProviderSettings] = [
        // llama.cpp's server handles one request at a time; its URL is known once it runs.
        ProviderSettings(
            name: "local", kind: .local, baseURL: "", maxConcurrency: 1, maxRetries: 2, rawCompletions: true,
            timeouts: localTimeouts),
        ProviderSettings(
            name: "openai", kind: .openai, baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY",
            timeouts: hostedTimeouts),
        ProviderSettings(
            name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com/v1",
            apiKeyEnv: "ANTHROPIC_API_KEY", timeouts: hostedTimeouts),
        ProviderSettings(
            name: "openrouter", kind: .openai, baseURL: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY",
            timeouts: hostedTimeouts),
        ProviderSettings(
            name: "ollama", kind: .openai, baseURL: "http://127.0.0.1:11434/v1", maxConcurrency: 2, maxRetries: 2,
            rawCompletions: true, timeouts: localTimeouts),
        ProviderSettings(
            name: "lmstudio", kind: .openai, baseURL: "http://127.0.0.1:1234/v1", maxConcurrency: 2, maxRetries: 2,
            rawCompletions: true, timeouts: localTimeouts),
    ]
}
