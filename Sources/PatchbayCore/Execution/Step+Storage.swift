import Foundation

extension Step {
    /// The box behind a `Step`. Written only while a single `Step` refers to it (copy-on-write
    /// through `unique()`), except for the number the recorder gives it; see `numberInPlace`.
    final class Storage: @unchecked Sendable {
        var id: Int
        var path: StepPath
        var kind: NodeKind
        var status: Status
        var inputs: [String: JSONValue]
        var outputs: [String: JSONValue]
        var startedAt: Date
        var duration: TimeInterval
        var usage: TokenUsage?
        var cost: Double?
        var error: StepError?
        var skipReason: String?
        var attempts: Int
        var cacheKey: String?
        var prompt: [String: JSONValue]?

        init(
            id: Int, path: StepPath, kind: NodeKind, status: Status, inputs: [String: JSONValue],
            outputs: [String: JSONValue],
            startedAt: Date, duration: TimeInterval, usage: TokenUsage?, cost: Double?, error: StepError?,
            skipReason: String?,
            attempts: Int, cacheKey: String?, prompt: [String: JSONValue]? = nil
        ) {
            self.id = id
            self.path = path
            self.kind = kind
            self.status = status
            self.inputs = inputs
            self.outputs = outputs
            self.startedAt = startedAt
            self.duration = duration
            self.usage = usage
            self.cost = cost
            self.error = error
            self.skipReason = skipReason
            self.attempts = attempts
            self.cacheKey = cacheKey
            self.prompt = prompt
        }

        func copy() -> Storage {
            Storage(
                id: id, path: path, kind: kind, status: status, inputs: inputs, outputs: outputs, startedAt: startedAt,
                duration: duration, usage: usage, cost: cost, error: error, skipReason: skipReason, attempts: attempts,
                cacheKey: cacheKey, prompt: prompt)
        }
    }

    /// The storage, copied first when another `Step` shares it.
    mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Gives the step its number in the run without copying it, though the level that ran it
    /// may still hold it in a batch. Only the recorder calls this, under its lock, before the
    /// step is published (event, trace, result): nothing can have read the old number.
    func numberInPlace(_ id: Int) {
        storage.id = id
    }
}

extension Step: Hashable {
    public static func == (a: Step, b: Step) -> Bool {
        if a.storage === b.storage { return true }
        let x = a.storage
        let y = b.storage
        return x.id == y.id && x.path == y.path && x.kind == y.kind && x.status == y.status && x.inputs == y.inputs
            && x.outputs == y.outputs && x.startedAt == y.startedAt && x.duration == y.duration && x.usage == y.usage
            && x.cost == y.cost && x.error == y.error && x.skipReason == y.skipReason && x.attempts == y.attempts
            && x.cacheKey == y.cacheKey && x.prompt == y.prompt
    }

    public func hash(into hasher: inout Hasher) {
        let s = storage
        hasher.combine(s.id)
        hasher.combine(s.path)
        hasher.combine(s.kind)
        hasher.combine(s.status)
        hasher.combine(s.inputs)
        hasher.combine(s.outputs)
        hasher.combine(s.startedAt)
        hasher.combine(s.duration)
        hasher.combine(s.usage)
        hasher.combine(s.cost)
        hasher.combine(s.error)
        hasher.combine(s.skipReason)
        hasher.combine(s.attempts)
        hasher.combine(s.cacheKey)
        hasher.combine(s.prompt)
    }
}
