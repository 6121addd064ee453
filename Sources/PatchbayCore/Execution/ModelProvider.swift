/// The engine's view of a language model. Back ends (OpenAI-compatible, Anthropic, the local
/// model) live in their own module and plug in through this protocol; the core opens no socket.
public protocol ModelProvider: Sendable {
    /// What an alias (`default`, `fast`, `judge`) stands for. Throws a `ModelError` that says how
    /// to configure the alias when it is unknown.
    func resolve(alias: String) throws -> ResolvedModel

    /// Runs one request. `onToken` receives text deltas as they stream in. Must stop promptly
    /// when the task is cancelled.
    func complete(
        _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse

    /// Secrets the provider holds (keys, URL credentials), masked in everything runs record.
    var secrets: SecretMasker { get }

    /// `request` as `complete` would send it to `model`'s back end (the alias's defaults filled
    /// in, tools written into the prompt for an alias that calls them by prompt): what a step
    /// records as its prompt. Sends nothing.
    func outgoing(_ request: ModelRequest, model: ResolvedModel) -> ModelRequest

    /// Why `alias` cannot answer on this machine, when that is known without asking it (unknown
    /// alias, a key that is not set, a model that is not installed); nil when it may answer.
    /// Sends nothing and starts nothing: `RunReadiness` asks it before a run starts.
    func unavailability(alias: String) -> ModelError?
}

extension ModelProvider {
    /// None, unless the provider says otherwise.
    public var secrets: SecretMasker { .none }

    /// The request as it is, unless the provider changes it on the way.
    public func outgoing(_ request: ModelRequest, model: ResolvedModel) -> ModelRequest { request }

    /// Whether the alias resolves: all a provider that knows no more can tell.
    public func unavailability(alias: String) -> ModelError? {
        do {
            _ = try resolve(alias: alias)
            return nil
        } catch let error as ModelError {
            return error
        } catch let error as any HintedError {
            return ModelError(error.message, hint: error.hint)
        } catch {
            return ModelError("\(error)")
        }
    }
}

/// An alias resolved to a concrete back end and model; part of every llm cache key.
public struct ResolvedModel: Sendable, Hashable, Codable {
    public var alias: String
    public var provider: String
    public var model: String
    /// Provider-side parameters that change answers (base URL, default temperature…).
    public var parameters: [String: JSONValue]

    public init(alias: String, provider: String, model: String, parameters: [String: JSONValue] = [:]) {
        self.alias = alias
        self.provider = provider
        self.model = model
        self.parameters = parameters
    }
}

/// One message of a chat. Besides `system`, `user` and `assistant` text, a tool loop adds the
/// assistant's calls (`toolCalls`) and each call's result (role `tool`, with `toolCallID`).
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String
    /// The calls an assistant message asked for (nil: none). Optional so stored messages written
    /// before tools read back.
    public var toolCalls: [ToolCall]?
    /// For role `tool`: the call this message answers.
    public var toolCallID: String?
    /// For role `tool`: the content is a problem (the tool failed, or the call could not be
    /// made), not a result. Anthropic marks it `is_error`; other dialects say it in the text.
    public var isError: Bool?

    public init(
        role: String, content: String, toolCalls: [ToolCall]? = nil, toolCallID: String? = nil, isError: Bool? = nil
    ) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.isError = isError
    }
}

public struct ModelRequest: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable { case chat, complete }

    public var mode: Mode
    /// Chat mode: the conversation, system message first when there is one.
    public var messages: [ChatMessage]
    /// Complete mode: the raw prompt.
    public var prompt: String
    public var temperature: Double?
    public var maxTokens: Int?
    public var stop: [String]
    public var seed: Int?
    public var jsonMode: Bool
    /// The shape the answer must have (`schema:` on the node): back ends constrain decoding to
    /// it where they can (see the alias's `constrain`); the node validates the answer either way.
    public var schema: JSONSchema?
    /// Tools the model may call (chat mode). A back end answers with `ModelResponse.toolCalls`
    /// when the model calls some; the node runs them and asks again.
    public var tools: [ToolSpec] = []

    public init(
        mode: Mode = .chat, messages: [ChatMessage] = [], prompt: String = "", temperature: Double? = nil,
        maxTokens: Int? = nil, stop: [String] = [], seed: Int? = nil, jsonMode: Bool = false,
        schema: JSONSchema? = nil
    ) {
        self.mode = mode
        self.messages = messages
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stop = stop
        self.seed = seed
        self.jsonMode = jsonMode
        self.schema = schema
    }
}

public struct TokenUsage: Sendable, Hashable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int

    public init(inputTokens: Int = 0, outputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    public static func + (a: Self, b: Self) -> Self {
        Self(inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens)
    }
}

public struct ModelResponse: Sendable, Hashable {
    public var text: String
    public var usage: TokenUsage
    /// In US dollars, when the back end knows the model's price.
    public var cost: Double?
    /// The calls the model asked for, in its order; empty when it answered.
    public var toolCalls: [ToolCall]

    public init(text: String, usage: TokenUsage = TokenUsage(), cost: Double? = nil, toolCalls: [ToolCall] = []) {
        self.text = text
        self.usage = usage
        self.cost = cost
        self.toolCalls = toolCalls
    }
}

/// A model problem a user can act on: which alias, which back end, what to check.
public struct ModelError: HintedError, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: Hint?

    public init(_ message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}

/// What the engine uses when no back end is plugged in: every alias is unknown. It is an honest
/// error, not a stand-in model.
public struct UnconfiguredModelProvider: ModelProvider {
    public init() {}

    public func resolve(alias: String) throws -> ResolvedModel {
        throw Self.unconfigured(alias)
    }

    public func complete(
        _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse {
        throw Self.unconfigured(model.alias)
    }

    static func unconfigured(_ alias: String) -> ModelError {
        ModelError(
            "no model back end is configured for alias `\(alias)`",
            hint:
                "this build of Patchbay runs llm nodes only through a ModelProvider given to the engine; the built-in back ends (the bundled local model, OpenAI-compatible, Anthropic) are not part of it yet"
        )
    }
}
