import Foundation

/// One execution of one node: what went in, what came out, and how it went.
public struct Step: Sendable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Executed and finished.
        case succeeded
        /// Outputs taken from the cache; the node did not execute.
        case cached
        /// Outputs copied from a recorded run (replay or fork); the node did not execute.
        case replayed
        /// Never ran because an input it needs was not emitted or its source failed.
        case skipped
        case failed
        case cancelled
    }

    /// The fields live in one shared box: the trace, the step's event and the result hold the
    /// same storage, so passing a step along costs a retain rather than a copy of every field.
    /// Copy-on-write keeps value semantics.
    var storage: Storage

    /// Order in the run, from 0.
    public var id: Int {
        get { storage.id }
        set { unique().id = newValue }
    }
    public var path: StepPath {
        get { storage.path }
        set { unique().path = newValue }
    }
    public var kind: NodeKind {
        get { storage.kind }
        set { unique().kind = newValue }
    }
    public var status: Status {
        get { storage.status }
        set { unique().status = newValue }
    }
    public var inputs: [String: JSONValue] {
        get { storage.inputs }
        set { unique().inputs = newValue }
    }
    /// Emitted ports only; a port that is absent was not emitted.
    public var outputs: [String: JSONValue] {
        get { storage.outputs }
        set { unique().outputs = newValue }
    }
    public var startedAt: Date {
        get { storage.startedAt }
        set { unique().startedAt = newValue }
    }
    public var duration: TimeInterval {
        get { storage.duration }
        set { unique().duration = newValue }
    }
    public var usage: TokenUsage? {
        get { storage.usage }
        set { unique().usage = newValue }
    }
    public var cost: Double? {
        get { storage.cost }
        set { unique().cost = newValue }
    }
    public var error: StepError? {
        get { storage.error }
        set { unique().error = newValue }
    }
    /// Why the step was skipped (``Status/skipped``).
    public var skipReason: String? {
        get { storage.skipReason }
        set { unique().skipReason = newValue }
    }
    /// 1 for the first attempt; higher after retries.
    public var attempts: Int {
        get { storage.attempts }
        set { unique().attempts = newValue }
    }
    /// The content address this step's outputs are cached under, when the kind is cached.
    public var cacheKey: String? {
        get { storage.cacheKey }
        set { unique().cacheKey = newValue }
    }
    /// What the step sent, recorded as it ran: an `llm` step's request as its back end got it
    /// (`["prompt": TEXT]` in complete mode, else `["messages": [{role, content}…]]`, with the
    /// system text, examples and a prompted-tools alias's instructions in place); a `template`
    /// step's rendered `["text": TEXT]`. Nil when nothing was sent (cached, replayed, skipped, an
    /// earlier failure) and for other kinds.
    public var prompt: [String: JSONValue]? {
        get { storage.prompt }
        set { unique().prompt = newValue }
    }

    /// Public for stores that read recorded steps back; the engine makes its own.
    public init(
        id: Int, path: StepPath, kind: NodeKind, status: Status, inputs: [String: JSONValue] = [:],
        outputs: [String: JSONValue] = [:], startedAt: Date, duration: TimeInterval, usage: TokenUsage? = nil,
        cost: Double? = nil, error: StepError? = nil, skipReason: String? = nil, attempts: Int = 1,
        cacheKey: String? = nil, prompt: [String: JSONValue]? = nil
    ) {
        storage = Storage(
            id: id, path: path, kind: kind, status: status, inputs: inputs, outputs: outputs, startedAt: startedAt,
            duration: duration, usage: usage, cost: cost, error: error, skipReason: skipReason, attempts: attempts,
            cacheKey: cacheKey, prompt: prompt)
    }

    public var nodeID: String { path.node }
}

/// A node failure as recorded in a step, with a hint when there is something to do.
public struct StepError: HintedError, Sendable, Hashable, Codable, CustomStringConvertible {
    public var message: String
    public var hint: Hint?

    public init(message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public init(_ error: any Error) {
        switch error {
        case let e as StepError: self = e
        case let e as NodeError: self.init(message: e.message, hint: e.hint)
        case let e as ModelError: self.init(message: e.message, hint: e.hint)
        case is CancellationError: self.init(message: "cancelled")
        default: self.init(message: String(describing: error))
        }
    }

    public var description: String { hint.map { "\(message) (hint: \($0))" } ?? message }
}

/// Thrown by node executors: a message naming what went wrong, and what to do.
public struct NodeError: HintedError, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: Hint?

    public init(_ message: String, hint: Hint? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
