import Foundation
import PatchbayCore

/// The workbench without a terminal, for tests and benchmarks: the real event loop over a
/// `TestBackend`. Keys go in, the same reducer and effect runner do the work, and the screen
/// comes out as a `CellBuffer`. Time is a fake clock that moves only when told (`advance`), so
/// spinners and messages are deterministic.
public final class HeadlessWorkbench {
    private let loop: EventLoop
    private let now: Clock
    /// The terminal the loop draws on and reads keys from.
    public var backend: TestBackend { loop.backend as! TestBackend }
    /// Stands in for `$EDITOR`: given the text, returns the edited text (nil: unchanged).
    public var externalEditor: @Sendable (String) -> String? {
        get { editor.function }
        set { editor.function = newValue }
    }
    private let editor = Editor()
    /// Stands in for SIGINT/SIGTERM/SIGHUP: set it and the running loop ends as on that signal.
    public var terminationSignal: Int32? {
        get { signal.value }
        set { signal.value = newValue }
    }
    private let signal = Signal()

    public init(
        _ setup: WorkbenchSetup, width: Int = 120, height: Int = 40,
        now: Date = Date(timeIntervalSince1970: 1_800_000_000)
    ) {
        let clock = Clock(now)
        let editor = self.editor
        let signal = self.signal
        self.now = clock
        loop = EventLoop(
            setup, backend: TestBackend(width: width, height: height), terminationSignal: { signal.value },
            clock: { clock.date },
            editor: { text, _ in .success(editor.function(text)) })
    }

    public var state: AppState { loop.state }

    /// What the terminal would show now.
    public var buffer: CellBuffer { loop.buffer }

    /// Feeds keys one at a time, letting the effects of each finish before the next.
    public func press(_ keys: Key...) async {
        for key in keys {
            backend.push(key)
            loop.turn(readTimeout: 0)
            await settle()
        }
    }

    /// Types text as single character keys.
    public func type(_ text: String) async {
        for character in text { await press(.char(character)) }
    }

    public func send(_ action: Action) async {
        loop.send(action)
        await settle()
    }

    /// Moves the fake clock on; the loop's next turn ticks and looks at the disk. It does not
    /// wait for a run to end, so a test can watch a run in flight (the spinner, the elapsed time).
    public func advance(by seconds: TimeInterval) async {
        now.date = now.date.addingTimeInterval(seconds)
        loop.turn(readTimeout: 0)
        await settle(waitingForRun: false)
    }

    /// Resizes the terminal; the loop reads the size change as curses reports it.
    public func resize(width: Int, height: Int) async {
        backend.resize(width: width, height: height)
        loop.turn(readTimeout: 0)
        await settle()
    }

    /// Processes reports until no effect is outstanding and no run is executing (a paused run,
    /// or one waiting for a `human` answer, counts as settled), or `timeout` passes.
    public func settle(timeout: Duration = .seconds(20), waitingForRun: Bool = true) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let effects = loop.effects
        while clock.now < deadline {
            let handled = loop.turn(readTimeout: 0)
            // A run paused, or waiting for a person's answer, is as settled as it gets.
            let state = loop.state
            let asking = state.popups.stack.contains { if case .input(_, .humanAnswer) = $0 { true } else { false } }
            let running = waitingForRun && state.run.active && state.run.pause == nil && !asking
            if handled == 0 && effects.isIdle && !running && effects.inbox.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits for the state to satisfy `condition`; false on timeout.
    @discardableResult
    public func wait(timeout: Duration = .seconds(20), until condition: (AppState) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            loop.turn(readTimeout: 0)
            if condition(loop.state) { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return condition(loop.state)
    }

    /// Runs the loop itself until the person quits (the keys come from `backend`); returns its
    /// exit status, as `Workbench.run` does.
    public func run() async -> Int32 { await loop.run() }

    /// Cancels what runs and waits for it.
    public func shutdown() async {
        await loop.effects.shutdown()
    }

    /// The fake clock, shared with the loop's closure.
    private final class Clock: @unchecked Sendable {
        var date: Date
        init(_ date: Date) { self.date = date }
    }

    private final class Signal: @unchecked Sendable {
        var value: Int32?
    }

    private final class Editor: @unchecked Sendable {
        var function: @Sendable (String) -> String? = { _ in nil }
    }
}
