import Foundation

/// What a run may reach outside the graph: models, the cache, files, people, programs.
/// Front ends build one from config and flags; the engine never reads config itself.
public struct EngineEnvironment: Sendable {
    public var models: any ModelProvider
    /// nil turns caching off.
    public var cache: (any StepCache)?
    /// `read-file` and `write-file` stay inside this folder.
    public var projectRoot: URL
    /// Which graph files may run `command` nodes and write outside `out/`: asked for the file
    /// that holds the node, so sub-graphs and eval variants never ride on another file's trust.
    public var trust: GraphTrust
    /// Answers `human` nodes; nil means nobody is there (a non-interactive run).
    public var human: (any HumanResponder)?
    /// Writes every run and step down as it finishes; nil keeps runs in memory only.
    public var journal: (any RunJournal)?
    /// Masks configured secrets in everything a run records (events, journal, cache, result).
    /// By default the model provider's: the keys and URL credentials of its config.
    public var masker: SecretMasker
    /// Caps for every run made with this environment unless its `RunOptions` set their own:
    /// front ends set them from config (`[limits]`) and `--limit`.
    public var limits = RunLimits()
    /// MCP servers for `mcp` nodes and llm tools; nil means none are configured. Told when each
    /// run ends, so it stops the servers the run started.
    public var tools: (any ToolProvider)?

    public init(
        models: any ModelProvider = UnconfiguredModelProvider(), cache: (any StepCache)? = MemoryStepCache(),
        projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        trust: GraphTrust = .nothing, human: (any HumanResponder)? = nil,
        journal: (any RunJournal)? = nil, tools: (any ToolProvider)? = nil
    ) {
        self.models = models
        self.cache = cache
        self.projectRoot = projectRoot
        self.trust = trust
        self.human = human
        self.journal = journal
        self.tools = tools
        masker = models.secrets
    }
}

/// A person's answer to a `human` node.
public protocol HumanResponder: Sendable {
    func answer(_ question: HumanQuestion) async throws -> JSONValue
}

public struct HumanQuestion: Sendable, Hashable {
    public var path: StepPath
    public var question: String
    public var type: PortType
}

/// Finds the graph a `map`, `loop` or `graph` node names.
public protocol SubgraphResolver: Sendable {
    /// `path` is the file the node is in (nil for a graph built in memory).
    func subgraph(for node: Node, in path: String?) throws -> (graph: Graph, path: String)
}
