import CJq
import Foundation

/// A compiled jq program, cheap to evaluate many times and from many tasks at once.
///
/// jq 1.6 spends ~15 ms compiling (it re-parses its builtins) but ~1 µs running, and one
/// `jq_state` must not be used by two threads at once. So a program keeps a pool of compiled
/// states: an evaluation borrows one and returns it, and a new one is compiled only when every
/// state is in use. `compile` caches programs by text for the whole process.
public final class JqProgram: Sendable {
    /// The program text as written.
    public let text: String
    private let pool: JqStatePool

    init(text: String, first state: JqCompiledState) {
        self.text = text
        self.pool = JqStatePool(text: text, first: state)
    }

    /// Every result of running the program on `input`, in order.
    public func run(_ input: JSONValue) throws(JqError) -> [JSONValue] {
        try evaluate(input, limit: .max)
    }

    /// The first result, or nil when the program produces none (e.g. `empty`, `select(false)`).
    public func first(_ input: JSONValue) throws(JqError) -> JSONValue? {
        try evaluate(input, limit: 1).first
    }

    /// jq truthiness of the first result: false, null and no result at all are false.
    public func isTrue(_ input: JSONValue) throws(JqError) -> Bool {
        switch try first(input) {
        case nil, .null?, .bool(false)?: false
        default: true
        }
    }

    /// How many compiled states this program holds (idle ones); for tests and diagnostics.
    var pooledStates: Int { pool.idleCount }

    /// Takes over the idle states of a duplicate compiled by a racing task.
    func adopt(from other: JqProgram) {
        while let state = other.pool.takeIdle() { pool.give(state) }
    }

    private func evaluate(_ input: JSONValue, limit: Int) throws(JqError) -> [JSONValue] {
        let compiled = try pool.take()
        defer { pool.give(compiled) }
        let state = compiled.state
        jq_start(state, input.makeJv(), 0)
        var results: [JSONValue] = []
        var finished = false
        // A state left mid-run keeps the input alive; restart it on nothing so it lets go.
        defer { if !finished { jq_start(state, jv_null(), 0) } }
        // Evaluations in a task can be cancelled (see `JqWatchdog`); outside one nobody cancels.
        let owner = JqEvaluationOwner.current
        if let owner { compiled.beginEvaluation(owner) }
        var tracked = owner != nil
        defer { if tracked { _ = compiled.endEvaluation() } }
        while results.count < limit {
            let value = jq_next(state)
            if pb_jv_is_valid(value) != 0 {
                defer { jv_free(value) }
                results.append(try JSONValue(borrowing: value))
                continue
            }
            if jq_halted(state) != 0 {
                jv_free(value)
                if tracked {
                    tracked = false
                    if compiled.endEvaluation() {
                        Self.clearHalt(state)
                        finished = true
                        throw JqError.cancelled
                    }
                }
                let failure = Self.haltFailure(state)
                Self.clearHalt(state)
                finished = true
                if let failure { throw failure }
                break
            }
            if jv_invalid_has_msg(jv_copy(value)) != 0 {
                let message = jv_invalid_get_msg(value)
                defer { jv_free(message) }
                throw JqError(Self.errorText(message))
            }
            jv_free(value)
            finished = true
            break
        }
        return results
    }

    /// `halt` ends the output quietly; `halt_error` with a non-zero exit code is an error.
    private static func haltFailure(_ state: OpaquePointer) -> JqError? {
        let code = jq_get_exit_code(state)
        let message = jq_get_error_message(state)
        defer {
            jv_free(code)
            jv_free(message)
        }
        let failed = jv_get_kind(code) == JV_KIND_NUMBER ? jv_number_value(code) != 0 : pb_jv_is_valid(code) != 0
        guard failed else { return nil }
        var text = pb_jv_is_valid(message) != 0 ? errorText(message) : "halt_error"
        while text.last?.isNewline == true { text.removeLast() }
        return JqError(text)
    }

    /// jq 1.6's reset frees a halted state's exit code and message but keeps the pointers, so
    /// the next reset would free them again. Reset once, then store harmless invalid values.
    private static func clearHalt(_ state: OpaquePointer) {
        jq_start(state, jv_null(), 0)
        jq_halt(state, pb_jv_invalid(), pb_jv_invalid())
    }

    /// An error value as text: strings as they are, anything else as compact JSON.
    private static func errorText(_ message: jv) -> String {
        if jv_get_kind(message) == JV_KIND_STRING { return JSONValue.string(borrowing: message) }
        guard let value = try? JSONValue(borrowing: message) else { return "(a value nested too deep to show)" }
        return value.compactJSON + " (not a string)"
    }
}

/// Idle compiled states of one program, behind a lock.
final class JqStatePool: @unchecked Sendable {
    private let text: String
    private let lock = NSLock()
    private var idle: [JqCompiledState]

    init(text: String, first: JqCompiledState) {
        self.text = text
        self.idle = [first]
    }

    var idleCount: Int { lock.withLock { idle.count } }

    func take() throws(JqError) -> JqCompiledState {
        if let state = lock.withLock({ idle.popLast() }) { return state }
        // Every state is busy: this text compiled once already, so only out of memory fails.
        return try JqCompiledState.compile(text).get()
    }

    func takeIdle() -> JqCompiledState? {
        lock.withLock { idle.popLast() }
    }

    func give(_ state: JqCompiledState) {
        lock.withLock { idle.append(state) }
    }
}
