import CNcursesw

/// SIGINT, SIGTERM and SIGHUP end the workbench through its normal exit, so the terminal is
/// restored and a running model call is cancelled. (Ctrl-C at the keyboard is a key in raw
/// mode: it cancels the run, never the app.) A C handler records the signal; programs the
/// workbench starts get the default dispositions back on exec.
struct TerminationSignals: Sendable {
    init() { pb_catch_termination() }

    /// The signal that asked to end, if one came.
    var received: Int32? {
        let value = pb_termination_signal()
        return value == 0 ? nil : value
    }
}
