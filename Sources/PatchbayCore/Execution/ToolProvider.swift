/// The engine's view of tool servers (MCP servers declared in config). The back end lives in its
/// own module and plugs in through this protocol; the core starts no server and speaks no MCP.
///
/// A provider starts a server the first time a run uses it, shares it with the rest of that run,
/// and stops it when the engine says the run has ended (`endRun`): runs never share a server, so
/// one run's calls cannot change what another sees.
public protocol ToolProvider: Sendable {
    /// The servers config declares, for validation's did-you-mean.
    var serverNames: Set<String> { get }

    /// The tools `server` offers (starting it for the run when it is not running yet).
    func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec]

    /// Calls one tool. A tool that ran and reported a failure is a result with `isError`; a
    /// server that cannot be started or reached, a timeout or a refusal throws a `ToolError`.
    /// Must stop promptly when the task is cancelled.
    func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws -> ToolResult

    /// The run has ended: stop every server it started. Called once per run, whatever its outcome.
    func endRun(_ runID: String) async

    /// Why `server` would be refused to `use` before anything starts (not declared, or declared
    /// by a project file the caller's graph may not start programs for); nil when it may start.
    /// `RunReadiness` asks it before a run starts.
    func refusal(of server: String, for use: ToolUse) -> ToolError?
}

extension ToolProvider {
    /// Nothing is known before a start, unless the provider says otherwise.
    public func refusal(of server: String, for use: ToolUse) -> ToolError? { nil }
}

/// Who is calling: the run whose servers to use, and whether the graph file holding the caller
/// is trusted. A server whose command a project file declares starts only for a trusted caller,
/// as a `command` node runs only in a trusted file.
public struct ToolUse: Sendable, Hashable {
    public var runID: String
    /// The file holding the calling node (nil for a graph built in memory).
    public var graphPath: String?
    public var trusted: Bool

    public init(runID: String, graphPath: String?, trusted: Bool) {
        self.runID = runID
        self.graphPath = graphPath
        self.trusted = trusted
    }
}

/// What a tool answered.
public struct ToolResult: Sendable, Hashable {
    /// The text parts of its content, joined by newlines.
    public var text: String
    /// Its structured content, when it gave one.
    public var structured: JSONValue?
    /// The tool ran and reported a failure (its text says what).
    public var isError: Bool

    public init(text: String, structured: JSONValue? = nil, isError: Bool = false) {
        self.text = text
        self.structured = structured
        self.isError = isError
    }

    /// The structured content if any, else the text parsed as JSON when it parses, else the text.
    public var value: JSONValue {
        if let structured { return structured }
        return (try? JSONValue(parsing: text)) ?? .string(text)
    }
}

/// A tool server could not be used: not declared, not trusted, would not start, timed out, or
/// exited. The message names the server; the hint says what to do.
public struct ToolError: HintedError, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var hint: Hint?

    public init(_ message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
