import Foundation
import PatchbayCore

/// The workbench without a terminal, for tests and benchmarks: keys go in, the same reducer
/// and effect runner do the work, and the screen comes out as a `CellBuffer`. Time is a fake
/// clock that moves only when told (`advance`), so spinners and messages are deterministic.
public final class HeadlessWorkbench {
    public private(set) var state: AppState
    private let screen: Screen
    private let effects: EffectQueue
    /// Stands in for `$EDITOR`: given the text, returns the edited text (nil: unchanged).
    public var externalEditor: @Sendable (String) -> String? = { _ in nil }

    public init(
        _ setup: WorkbenchSetup, width: Int = 120, height: Int = 40,
        now: Date = Date(timeIntervalSince1970: 1_800_000_000)
    ) {
        state = setup.initialState(width: width, height: height, now: now)
        effects = EffectQueue(setup)
        screen = Screen(masker: setup.environment.masker)
        enqueue([.validate(state.graph, path: setup.path, revision: state.editing.document.revision)])
    }

    /// What the terminal would show now.
    public var buffer: CellBuffer { screen.render(state) }

    /// Feeds keys one at a time, letting the effects of each finish before the next.
    public func press(_ keys: Key...) async {
        for key in keys {
            dispatch(.key(key))
            await settle()
        }
    }

    /// Types text as single character keys.
    public func type(_ text: String) async {
        for character in text { await press(.char(character)) }
    }

    public func send(_ action: Action) async {
        dispatch(action)
        await settle()
    }

    /// Moves the fake clock on and delivers a tick. It does not wait for a run to end, so a
    /// test can watch a run in flight (the spinner, the elapsed time).
    public func advance(by seconds: TimeInterval) async {
        dispatch(.tick(state.now.addingTimeInterval(seconds)))
        await settle(waitingForRun: false)
    }

    public func resize(width: Int, height: Int) async {
        await send(.resize(width: width, height: height))
    }

    /// Processes reports until no effect is outstanding and no run is executing (a paused run,
    /// or one waiting for a `human` answer, counts as settled), or `timeout` passes.
    public func settle(timeout: Duration = .seconds(20), waitingForRun: Bool = true) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let actions = effects.inbox.drain()
            for action in actions { dispatch(action) }
            // A run paused, or waiting for a person's answer, is as settled as it gets.
            let asking = state.popups.stack.contains { if case .input(_, .humanAnswer) = $0 { true } else { false } }
            let running = waitingForRun && state.run.active && state.run.pause == nil && !asking
            if actions.isEmpty && effects.isIdle && !running && effects.inbox.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits for the state to satisfy `condition`; false on timeout.
    @discardableResult
    public func wait(timeout: Duration = .seconds(20), until condition: (AppState) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            for action in effects.inbox.drain() { dispatch(action) }
            if condition(state) { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return condition(state)
    }

    /// Cancels what runs and waits for it.
    public func shutdown() async {
        await effects.shutdown()
    }

    private func dispatch(_ action: Action) {
        enqueue(Reducer.reduce(&state, action))
    }

    private func enqueue(_ list: [Effect]) {
        for effect in list {
            switch effect {
            case .externalEditor(let text, let node, let field):
                dispatch(.runtime(.externalEditFinished(node: node, field: field, text: externalEditor(text))))
            case .setMouse, .redraw, .quit: break
            default: effects.submit(effect)
            }
        }
    }
}
