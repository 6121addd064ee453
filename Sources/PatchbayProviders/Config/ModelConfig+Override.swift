import PatchbayCore

extension ModelConfig {
    /// Applies the command line's `--model ALIAS=PROVIDER:MODEL` (the model may itself contain
    /// `:`, as Ollama's `llama3.2:3b` does). The alias keeps its parameters; it takes the new
    /// provider's timeouts when the provider changes, since a local server's first call is slow.
    public mutating func override(_ spec: String) throws {
        let example: Hint = "e.g. --model default=openai:gpt-4o-mini"
        guard let equals = spec.firstIndex(of: "="),
            let (provider, model) = Self.splitTarget(String(spec[spec.index(after: equals)...]))
        else {
            throw ConfigError(file: "--model", message: "`\(spec)` is not ALIAS=PROVIDER:MODEL", hint: example)
        }
        let alias = String(spec[..<equals])
        guard !alias.isEmpty else {
            throw ConfigError(file: "--model", message: "`\(spec)` names no alias before `=`", hint: example)
        }
        guard let settings = providers[provider] else {
            throw ConfigError(
                file: "--model", message: "unknown provider `\(provider)` in `\(spec)`",
                hint: Suggestions.hint(for: provider, in: providers.keys))
        }
        if var entry = aliases[alias] {
            if entry.provider != provider { entry.timeouts = settings.timeouts }
            entry.provider = provider
            entry.model = model
            aliases[alias] = entry
        } else {
            aliases[alias] = ModelAlias(alias: alias, provider: provider, model: model, timeouts: settings.timeouts)
        }
    }

    /// `openai:gpt-4o-mini` → (`openai`, `gpt-4o-mini`); nil unless both parts are non-empty.
    static func splitTarget(_ text: String) -> (provider: String, model: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let provider = String(text[..<colon])
        let model = String(text[text.index(after: colon)...])
        guard !provider.isEmpty, !model.isEmpty,
            !provider.contains(where: \.isWhitespace), !model.contains(where: \.isWhitespace)
        else { return nil }
        return (provider, model)
    }
}
