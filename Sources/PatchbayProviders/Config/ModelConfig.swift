import PatchbayCore

/// Which wire protocol a provider speaks.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    /// OpenAI-compatible `/v1/chat/completions` and `/v1/completions`: OpenAI, Ollama, llama.cpp,
    /// vLLM, LM Studio, OpenRouter.
    case openai
    /// Anthropic's Messages API.
    case anthropic
    /// The bundled Gemma 3 270M behind llama.cpp's OpenAI-compatible server, started on demand.
    case local
}

/// How long a call may take; configurable per alias.
public struct Timeouts: Sendable, Hashable {
    public var connect: Duration
    /// From sending the request to the first token (or the whole body when not streaming).
    public var firstToken: Duration
    public var total: Duration

    public init(connect: Duration = .seconds(10), firstToken: Duration = .seconds(60), total: Duration = .seconds(300))
    {
        self.connect = connect
        self.firstToken = firstToken
        self.total = total
    }
}

/// A back end instance: `openai`, `anthropic`, `local`, or a named one (`openrouter`, `ollama`…).
public struct ProviderSettings: Sendable, Hashable {
    public var name: String
    public var kind: ProviderKind
    /// Up to and including the version segment, e.g. `https://api.openai.com/v1`. Empty for `local`
    /// until its server runs.
    public var baseURL: String
    /// The environment variable holding the key; nil when the provider needs none.
    public var apiKeyEnv: String?
    /// Requests in flight at once, shared by every run in the process.
    public var maxConcurrency: Int
    /// Requests started per minute, shared by every run in the process; nil for no limit.
    public var requestsPerMinute: Int?
    /// Attempts after the first on retryable failures.
    public var maxRetries: Int
    /// Whether `/v1/completions` takes raw prompts (llama.cpp, Ollama, vLLM). Hosted chat-only
    /// models don't: `mode: complete` is then sent as a chat turn asking for the continuation.
    public var rawCompletions: Bool
    /// Timeouts an alias on this provider gets unless it sets its own (a local server loads the
    /// model on its first call, so its first token may take far longer than a hosted API's).
    public var timeouts: Timeouts
    /// How its aliases constrain answers to a schema; nil: `ConstrainMode.defaultMode(for:)`.
    public var constrain: ConstrainMode?
    /// How its aliases call tools; nil: `ToolMode.defaultMode(for:constrain:)`.
    public var tools: ToolMode?

    public init(
        name: String, kind: ProviderKind, baseURL: String, apiKeyEnv: String? = nil, maxConcurrency: Int = 4,
        requestsPerMinute: Int? = nil, maxRetries: Int = 4, rawCompletions: Bool = false,
        timeouts: Timeouts = Timeouts()
    ) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.maxConcurrency = maxConcurrency
        self.requestsPerMinute = requestsPerMinute
        self.maxRetries = maxRetries
        self.rawCompletions = rawCompletions
        self.timeouts = timeouts
    }
}

/// What an alias (`default`, `fast`, `judge`) stands for.
public struct ModelAlias: Sendable, Hashable {
    public var alias: String
    /// A key of `ModelConfig.providers`.
    public var provider: String
    public var model: String
    /// Request defaults a node may override: `temperature`, `max_tokens`, `seed`, `top_p`.
    public var parameters: [String: JSONValue]
    public var timeouts: Timeouts
    /// How it constrains answers to a schema; nil: as its provider does.
    public var constrain: ConstrainMode?
    /// How it calls tools; nil: as its provider does.
    public var tools: ToolMode?

    public init(
        alias: String, provider: String, model: String, parameters: [String: JSONValue] = [:],
        timeouts: Timeouts = Timeouts()
    ) {
        self.alias = alias
        self.provider = provider
        self.model = model
        self.parameters = parameters
        self.timeouts = timeouts
    }
}

/// US dollars per million tokens.
public struct Price: Sendable, Hashable {
    public var input: Double
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    public func cost(of usage: TokenUsage) -> Double {
        (Double(usage.inputTokens) * input + Double(usage.outputTokens) * output) / 1_000_000
    }
}

/// A key that never prints: `description`, `debugDescription` and string interpolation show a mask.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "••••" }
    public var debugDescription: String { "Secret(••••)" }
    /// `dump` and debuggers walk the mirror, not `description`: show no children.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Providers, aliases and prices after merging built-ins, the user file, the project file and
/// `--model` overrides (later wins).
public struct ModelConfig: Sendable {
    public var providers: [String: ProviderSettings]
    public var aliases: [String: ModelAlias]
    /// Keyed by model name as the API knows it (`gpt-4o-mini`).
    public var prices: [String: Price]
    /// Models whose price is still the built-in list price (no config file named it): a server
    /// on this machine is not billed at list prices, but a price someone wrote down applies.
    public var listPriced: Set<String>
    /// Keys from the user config file (never the project file), by provider name.
    public var keys: [String: Secret]
    /// The files that were read, in the order they were applied.
    public var sources: [String]
    /// Providers whose key the project config would send where the user has not approved, by
    /// provider name; their aliases fail and send nothing until the file is trusted. Empty when
    /// the project file is trusted or asks for nothing of the kind.
    public var untrustedKeyUses: [String: UntrustedKeyUse] = [:]
    /// The workbench's `[ui]` and `[keys]` tables (the config file is the user's one place).
    public var interface = InterfaceSettings()
    /// `[limits]`: caps on steps, value size, map items and loop passes for every run.
    public var limits = RunLimits()
    /// `[mcp.NAME]`: MCP servers for `mcp` nodes and llm tools, by name.
    public var mcpServers: [String: MCPServerConfig] = [:]
    /// `[eval]`: the eval defaults both front ends use.
    public var eval = EvalSettings()

    public init(
        providers: [String: ProviderSettings], aliases: [String: ModelAlias], prices: [String: Price],
        keys: [String: Secret] = [:], sources: [String] = [], listPriced: Set<String> = []
    ) {
        self.providers = providers
        self.aliases = aliases
        self.prices = prices
        self.listPriced = listPriced
        self.keys = keys
        self.sources = sources
    }
}
