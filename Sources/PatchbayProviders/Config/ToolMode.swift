import PatchbayCore
import TOMLKit

/// How an alias lets a model call tools (`tools` in config): in the API's own dialect, or by the
/// prompted protocol (`PromptedTools`) for models and servers without one. Either way the node
/// sees the same `ModelResponse.toolCalls`.
public enum ToolMode: String, Sendable, Hashable, CaseIterable {
    /// OpenAI `tools`/`tool_calls`, Anthropic `tool_use`.
    case native
    /// The tools and the conversation written into the prompt, the answer constrained (by the
    /// alias's `constrain` mode) to a call or an answer in JSON.
    case prompted

    /// What a provider does unless config says otherwise: the bundled base model and llama.cpp
    /// servers (`constrain = "llama.cpp"`) have no tool calls of their own; hosted APIs and other
    /// OpenAI-compatible servers are taken to have them.
    public static func defaultMode(for provider: ProviderSettings, constrain: ConstrainMode?) -> ToolMode {
        switch provider.kind {
        case .local: .prompted
        case .anthropic: .native
        case .openai: constrain == .llamaCpp ? .prompted : .native
        }
    }
}

extension ModelConfig {
    /// How `alias` calls tools: its own `tools`, else its provider's, else the default.
    public func toolMode(forAlias alias: String) -> ToolMode? {
        guard let entry = aliases[alias], let provider = providers[entry.provider] else { return nil }
        return entry.tools ?? provider.tools
            ?? ToolMode.defaultMode(for: provider, constrain: constrainMode(forAlias: alias))
    }
}

extension ConfigDocument {
    /// `tools = "native" | "prompted"` in the table at `path`.
    func toolMode(_ value: TOMLValueConvertible, at path: [String]) throws -> ToolMode {
        let text = try string(value, at: path + ["tools"])
        guard let mode = ToolMode(rawValue: text) else {
            throw error(
                at: path + ["tools"], "unknown `tools` value `\(text)`",
                hint: Suggestions.hint(for: text, in: ToolMode.allCases.map(\.rawValue)))
        }
        return mode
    }
}
