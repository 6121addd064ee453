import Foundation
import PatchbayCore

/// The interactive workbench: the event loop on the main actor over the ncurses terminal. The
/// terminal is given back on every way out: quit, an error, SIGINT/SIGTERM/SIGHUP, and (via
/// the C shim) a crash.
@MainActor
public final class Workbench {
    private let loop: EventLoop

    /// Starts curses and the runner. Call `run()` next.
    public init(_ setup: WorkbenchSetup) {
        let terminal = NcursesTerminal(mouse: setup.mouse, useColor: setup.theme != .monochrome)
        let signals = TerminationSignals()
        loop = EventLoop(
            setup, backend: terminal, terminationSignal: { signals.received }, clock: { Date() },
            editor: { text, name in ExternalEditor.edit(text, name: name) })
    }

    /// Runs until the person quits or a termination signal arrives; returns the exit status.
    public func run() async -> Int32 { await loop.run() }
}
