import PatchbayCore
import TOMLKit

/// How an alias holds a model to an llm node's `schema:` (`constrain` in config). Whatever the
/// mode, the node validates the answer; the mode decides whether the model can get it wrong.
public enum ConstrainMode: String, Sendable, Hashable, CaseIterable {
    /// A GBNF grammar made from the schema by llama.cpp's own converter (from the local venv),
    /// sent as `grammar`: llama-cpp-python's server, so the bundled model.
    case grammar
    /// The schema sent as `json_schema`: llama.cpp's own `llama-server` converts it itself.
    case llamaCpp = "llama.cpp"
    /// `response_format: {type: json_schema, strict: true}`: OpenAI.
    case jsonSchema = "json_schema"
    /// A forced tool whose input schema is the schema: Anthropic.
    case tool
    /// Not constrained: the answer is only validated (an OpenAI-compatible server that would
    /// ignore or refuse the fields above).
    case none

    /// What a provider does unless config says otherwise: only back ends known to honour a
    /// constraint get one, since a server that silently ignores it looks like one that obeys.
    public static func defaultMode(for provider: ProviderSettings) -> ConstrainMode {
        switch provider.kind {
        case .local: .grammar
        case .anthropic: .tool
        case .openai: provider.baseURL.hasPrefix("https://api.openai.com/") ? .jsonSchema : .none
        }
    }
}

extension ModelConfig {
    /// How `alias` constrains: its own `constrain`, else its provider's, else the provider's default.
    public func constrainMode(forAlias alias: String) -> ConstrainMode? {
        guard let entry = aliases[alias], let provider = providers[entry.provider] else { return nil }
        return entry.constrain ?? provider.constrain ?? ConstrainMode.defaultMode(for: provider)
    }
}

extension ConfigDocument {
    /// `constrain = "grammar" | "llama.cpp" | "json_schema" | "tool" | "none"` in the table at `path`.
    func constrainMode(_ value: TOMLValueConvertible, at path: [String]) throws -> ConstrainMode {
        let text = try string(value, at: path + ["constrain"])
        guard let mode = ConstrainMode(rawValue: text) else {
            throw error(
                at: path + ["constrain"], "unknown `constrain` value `\(text)`",
                hint: Suggestions.hint(for: text, in: ConstrainMode.allCases.map(\.rawValue)))
        }
        return mode
    }
}
