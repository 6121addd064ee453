import Foundation

/// One execution of one node: what went in, what came out, and how it went.
public struct Step: Sendable, Hashable, Identifiable {
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

    /// Order in the run, from 0.
    public var id: Int
    public var path: StepPath
    public var kind: NodeKind
    public var status: Status
    public var inputs: [String: JSONValue]
    /// Emitted ports only; a port that is absent was not emitted.
    public var outputs: [String: JSONValue]
    public var startedAt: Date
    public var duration: TimeInterval
    public var usage: TokenUsage?
    public var cost: Double?
    public var error: StepError?
    /// Why the step was skipped (``Status/skipped``).
    public var skipReason: String?
    /// 1 for the first attempt; higher after retries.
    public var attempts: Int
    /// The content address this step's outputs are cached under, when the kind is cached.
    public var cacheKey: String?

    public var nodeID: String { path.node }
}

/// A node failure as recorded in a step, with a hint when there is something to do.
public struct StepError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(message: String, hint: String? = nil) {
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
public struct NodeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
