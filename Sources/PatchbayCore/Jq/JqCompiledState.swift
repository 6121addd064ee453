import CJq
import Foundation
import Synchronization

/// One compiled `jq_state`. A state is not safe to use from two threads at once, so each
/// evaluation takes one from its program's pool and gives it back afterwards.
final class JqCompiledState: @unchecked Sendable {
    let state: OpaquePointer
    /// Receives what jq reports through its error callback (compile errors); jq would
    /// otherwise print them to stderr.
    private let sink: JqMessageSink
    /// The evaluation in flight, for `JqWatchdog`.
    let slot = Mutex(JqEvaluationSlot())
    /// Whether the watchdog may halt it: not when the program halts itself (see `JqWatchdog`).
    let haltable: Bool

    private init(state: OpaquePointer, sink: JqMessageSink, haltable: Bool) {
        self.state = state
        self.sink = sink
        self.haltable = haltable
    }

    deinit {
        var state: OpaquePointer? = state
        jq_teardown(&state)
    }

    /// Compiles `program` into a fresh state (~15 ms with jq 1.6: it re-parses its builtins).
    static func compile(_ program: String) -> Result<JqCompiledState, JqError> {
        guard let state = jq_init() else { return .failure(JqError("jq could not start: out of memory")) }
        let sink = JqMessageSink()
        jq_set_error_cb(
            state,
            { data, message in
                guard let data else { jv_free(message); return }
                let sink = Unmanaged<JqMessageSink>.fromOpaque(data).takeUnretainedValue()
                let formatted = jq_format_error(message)
                if jv_get_kind(formatted) == JV_KIND_STRING {
                    sink.messages.append(JSONValue.string(borrowing: formatted))
                }
                jv_free(formatted)
            },
            Unmanaged.passUnretained(sink).toOpaque())
        // `debug` would print to stderr through the default callback; the core never prints.
        jq_set_debug_cb(state, { _, message in jv_free(message) }, nil)
        let compiled = JqCompiledState(state: state, sink: sink, haltable: !program.contains("halt"))
        let ok = (sandboxPrefix + program).withCString { jq_compile(state, $0) }
        guard ok != 0 else { return .failure(JqError(compileMessage(sink.messages))) }
        sink.messages.removeAll()
        JqWatchdog.shared.watch(compiled)
        return .success(compiled)
    }

    /// Prepended to every program, on its first line so jq's line numbers stay the user's.
    /// Graph files can come from anyone, and API keys live in the environment: `env`, `$ENV`
    /// would hand them to a prompt. `stderr` would print from inside the core. All three are
    /// shadowed; the program itself stays a whole jq expression after `|`.
    static let sandboxPrefix = "def env: {}; def stderr: .; {} as $ENV | "

    /// jq's compile messages without its `jq: error: ` prefix and its `jq: N compile errors` tally.
    private static func compileMessage(_ messages: [String]) -> String {
        let lines = messages.compactMap { message -> String? in
            var text = message.replacingOccurrences(of: sandboxPrefix, with: "")
            if text.hasPrefix("jq: error: ") { text.removeFirst("jq: error: ".count) }
            else if text.hasPrefix("jq: ") && text.contains("compile error") { return nil }
            while text.last?.isWhitespace == true { text.removeLast() }
            return text.isEmpty ? nil : text
        }
        return lines.isEmpty ? "the jq program does not compile" : lines.joined(separator: "\n")
    }
}

/// Collects callback messages for one state; only touched by the thread using that state.
final class JqMessageSink: @unchecked Sendable {
    var messages: [String] = []
}
