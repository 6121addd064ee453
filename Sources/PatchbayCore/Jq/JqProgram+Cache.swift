import Dispatch
import Foundation

extension JqProgram {
    /// The compiled program for `program`, compiled on first use and cached by text for the
    /// life of the process (compile errors are cached too). Throws jq's compile message.
    public static func compile(_ program: String) throws(JqError) -> JqProgram {
        if let cached = JqProgramCache.shared.lookup(program) { return try cached.get() }
        let result = JqCompiledState.compile(program).map { JqProgram(text: program, first: $0) }
        return try JqProgramCache.shared.store(program, result).get()
    }

    /// Compiles every distinct text not yet cached, in parallel, and returns the ones that do
    /// not compile with jq's message. Validation of big graphs calls this once up front, so
    /// later `compile` calls are cache hits.
    public static func compileAll(_ programs: Set<String>) -> [String: JqError] {
        let texts = Array(programs)
        let results = JqResultSlots(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            let outcome: JqError?
            do throws(JqError) {
                _ = try compile(texts[index])
                outcome = nil
            } catch { outcome = error }
            results.set(index, outcome)
        }
        var errors: [String: JqError] = [:]
        for (index, text) in texts.enumerated() {
            if let error = results.get(index) { errors[text] = error }
        }
        return errors
    }
}

/// Process-wide cache of compiled programs by text.
///
/// Bounded so an editor that recompiles on every keystroke does not keep every draft alive;
/// a program evicted here still works for whoever holds it.
final class JqProgramCache: @unchecked Sendable {
    static let shared = JqProgramCache(limit: 1024)

    private let lock = NSLock()
    private let limit: Int
    private var entries: [String: Result<JqProgram, JqError>] = [:]
    private var order: [String] = []

    init(limit: Int) { self.limit = limit }

    func lookup(_ text: String) -> Result<JqProgram, JqError>? {
        lock.withLock { entries[text] }
    }

    /// Stores a fresh result unless another task cached the same text meanwhile; then the
    /// earlier one wins and this compiled state joins its pool instead of being wasted.
    func store(_ text: String, _ result: Result<JqProgram, JqError>) -> Result<JqProgram, JqError> {
        let existing: Result<JqProgram, JqError>? = lock.withLock {
            if let existing = entries[text] { return existing }
            entries[text] = result
            order.append(text)
            if order.count > limit {
                let evicted = order.count - limit
                for old in order.prefix(evicted) { entries[old] = nil }
                order.removeFirst(evicted)
            }
            return nil
        }
        guard let existing else { return result }
        if case .success(let winner) = existing, case .success(let loser) = result {
            winner.adopt(from: loser)
        }
        return existing
    }
}

/// Per-index results written from concurrentPerform's threads.
private final class JqResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [JqError?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: JqError?) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) -> JqError? { lock.withLock { slots[index] } }
}
