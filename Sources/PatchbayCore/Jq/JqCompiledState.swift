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
                guard let data else {
                    jv_free(message)
                    return
                }
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
        guard ok != 0 else { return .failure(compileError(sink.messages, program: program)) }
        sink.messages.removeAll()
        JqWatchdog.shared.watch(compiled)
        return .success(compiled)
    }

    /// Prepended to every program, on its first line so jq's line numbers stay the user's.
    /// Graph files can come from anyone, and API keys live in the environment: `env`, `$ENV`
    /// would hand them to a prompt. `stderr` would print from inside the core. All three are
    /// shadowed; the program itself stays a whole jq expression after `|`.
    static let sandboxPrefix = "def env: {}; def stderr: .; {} as $ENV | "

    /// jq's compile messages as one error: without its `jq: error: ` prefix, its `jq: N compile
    /// errors` tally, its "(Unix shell quoting issues?)" guess (programs here come from graph
    /// files, not a shell) and the program line it echoes; instead the position in the program.
    static func compileError(_ messages: [String], program: String) -> JqError {
        var position: JqError.Position?
        let lines = messages.compactMap { message -> String? in
            var text = message
            if text.hasPrefix("jq: error: ") {
                text.removeFirst("jq: error: ".count)
            } else if text.hasPrefix("jq: ") && text.contains("compile error") {
                return nil
            }
            let located = locate(text, program: program)
            text = located.text
            if position == nil { position = located.position }
            // jq's parser calls the end of the text `$end`.
            text = text.replacingOccurrences(of: " (Unix shell quoting issues?)", with: "")
                .replacingOccurrences(of: "unexpected $end", with: "unexpected end of the program")
                .replacingOccurrences(of: "$end", with: "the end of the program")
                .replacingOccurrences(of: sandboxPrefix, with: "")
            while text.last?.isWhitespace == true { text.removeLast() }
            return text.isEmpty ? nil : text
        }
        var error = JqError(lines.isEmpty ? "the jq program does not compile" : lines.joined(separator: "\n"))
        error.position = position
        return error
    }

    /// jq 1.6 ends a located message with `at <top-level>, line N:`, the line, and as many
    /// spaces as bytes before the error in that line (where a caret would go). Turns that into
    /// `at line N, column C` of the program as written (the sandbox prefix taken off line 1).
    static func locate(_ message: String, program: String) -> (text: String, position: JqError.Position?) {
        guard let marker = message.range(of: " at <top-level>, line ") else { return (message, nil) }
        let rest = message[marker.upperBound...]
        guard let colon = rest.firstIndex(of: ":"), let line = Int(rest[..<colon]), line >= 1 else {
            return (message, nil)
        }
        var head = String(message[..<marker.lowerBound])
        let echoed = rest[rest.index(after: colon)...].drop { $0 == "\n" }
        let full = (sandboxPrefix + program).split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= full.count else { return (head + " at line \(line)", nil) }
        let lineText = full[line - 1]
        let echoedBytes = Array(echoed.utf8)
        let lineBytes = Array(lineText.utf8)
        guard echoedBytes.starts(with: lineBytes), echoedBytes[lineBytes.count...].allSatisfy({ $0 == 0x20 }) else {
            return (head + " at line \(line)", nil)
        }
        // Bytes before the error → characters (Unicode scalars, as graph file columns count).
        var offset = min(echoedBytes.count - lineBytes.count, lineBytes.count)
        if line == 1 { offset = max(0, offset - sandboxPrefix.utf8.count) }
        let userLine =
            line == 1 ? String(lineText.unicodeScalars.dropFirst(sandboxPrefix.unicodeScalars.count)) : String(lineText)
        let userBytes = Array(userLine.utf8)
        let before = String(decoding: userBytes.prefix(min(offset, userBytes.count)), as: UTF8.self)
        let column = before.unicodeScalars.count + 1
        let position = JqError.Position(line: line, column: column)
        // Name what jq calls a token class where the text shows what it is.
        let at = userLine.unicodeScalars.dropFirst(column - 1).first
        if let at, head.contains("unexpected INVALID_CHARACTER") {
            head = head.replacingOccurrences(
                of: "unexpected INVALID_CHARACTER",
                with: "unexpected `\(TerminalText.escape(String(at), keepNewlines: false))`")
        }
        let multiline = program.contains("\n")
        return (head + (multiline ? " at line \(line), column \(column)" : " at column \(column)"), position)
    }
}

/// Collects callback messages for one state; only touched by the thread using that state.
final class JqMessageSink: @unchecked Sendable {
    var messages: [String] = []
}
