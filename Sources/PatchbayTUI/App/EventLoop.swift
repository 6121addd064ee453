import Foundation
import PatchbayCore
import Synchronization

/// The workbench's one loop, for the real terminal and for tests alike: deliver the runtime's
/// reports, tick the clock, notice saves made elsewhere, redraw what changed, read a key. The
/// reducer decides; effects go to the `EffectQueue`, except the few that need the terminal.
final class EventLoop {
    private(set) var state: AppState
    let backend: any TerminalBackend
    let effects: EffectQueue
    private let screen: Screen
    /// The termination signal received, if any (SIGINT/SIGTERM/SIGHUP; a test's stand-in).
    private let terminationSignal: () -> Int32?
    /// The time; a test passes a clock that moves only when told.
    private let clock: () -> Date
    /// Runs `$EDITOR` (or a test's stand-in) on a prompt: the edited text, nil when unchanged.
    private let editor: (String, String) -> Result<String?, ExternalEditor.Failure>
    private var dirty = true
    private var lastTick: Date
    private var lastDiskCheck = Date.distantPast
    /// The file's content as last seen on disk, so one outside change is reported once.
    private var lastSeenOnDisk: FileFingerprint?
    /// Copies are wrapped for tmux too when it runs inside one.
    private let insideTmux = ProcessInfo.processInfo.environment["TMUX"].map { !$0.isEmpty } ?? false

    static let tickInterval: TimeInterval = 0.1
    static let diskInterval: TimeInterval = 1
    /// How long a quit or a termination signal waits for the run in flight to stop before it
    /// leaves anyway. A cancelled node stops within a tick (a jq program is halted, a model
    /// call dropped); what cannot be stopped (a long call inside a jq builtin) is left behind
    /// when the process exits, and the run stays in history as interrupted.
    static let shutdownLimit: Duration = .seconds(1)

    init(
        _ setup: WorkbenchSetup, backend: any TerminalBackend, terminationSignal: @escaping () -> Int32?,
        clock: @escaping () -> Date,
        editor: @escaping (String, String) -> Result<String?, ExternalEditor.Failure>
    ) {
        let size = backend.size
        let now = clock()
        state = setup.initialState(width: size.width, height: size.height, now: now)
        self.backend = backend
        self.terminationSignal = terminationSignal
        self.clock = clock
        self.editor = editor
        lastTick = now
        effects = EffectQueue(setup)
        screen = Screen(masker: setup.environment.masker)
        enqueue([.validate(state.graph, path: setup.path, revision: state.editing.document.revision)])
    }

    /// What the screen shows for the current state.
    var buffer: CellBuffer { screen.render(state) }

    /// Turns until the person quits or a termination signal arrives; returns the exit status.
    nonisolated(nonsending) func run() async -> Int32 {
        defer { backend.restore() }
        while !state.quit {
            if let signal = terminationSignal() {
                await finish()
                return 128 + signal
            }
            // Short waits keep streamed tokens flowing to the screen while no key comes.
            turn(readTimeout: 20)
            await Task.yield()
        }
        await finish()
        return 0
    }

    /// One pass of the loop. Returns how many actions it dispatched.
    @discardableResult
    func turn(readTimeout: Int) -> Int {
        var count = 0
        for action in effects.inbox.drain() {
            send(action)
            count += 1
        }
        let now = clock()
        if now.timeIntervalSince(lastTick) >= Self.tickInterval {
            lastTick = now
            dispatch(.tick(now))
            if state.run.active || state.eval.run.running || state.improve.run.running || state.message != nil {
                dirty = true
            }
            checkDisk(now)
        }
        if dirty {
            backend.draw(screen.render(state))
            dirty = false
        }
        if let key = backend.readKey(timeout: readTimeout) {
            if key == .resize {
                let size = backend.size
                send(.resize(width: size.width, height: size.height))
            } else {
                send(.key(key))
            }
            count += 1
        }
        return count
    }

    /// Reduces an action and marks the screen for redrawing.
    func send(_ action: Action) {
        dirty = true
        dispatch(action)
    }

    private func dispatch(_ action: Action) {
        enqueue(AppReducer.reduce(&state, action))
    }

    /// Stops what runs, waiting at most `shutdownLimit`, and gives the terminal back.
    nonisolated(nonsending) func finish() async {
        // Cancelling takes a moment: say so rather than look frozen.
        if state.run.active || state.eval.run.running || state.improve.run.running {
            dispatch(.message("Stopping…", .info))
            backend.draw(screen.render(state))
        }
        let done = ShutdownFlag()
        let effects = self.effects
        Task.detached {
            await effects.shutdown()
            done.value.store(true, ordering: .sequentiallyConsistent)
        }
        let deadline = ContinuousClock.now + Self.shutdownLimit
        while !done.value.load(ordering: .sequentiallyConsistent), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        backend.restore()
    }

    private func enqueue(_ list: [Effect]) {
        for effect in list {
            switch effect {
            case .externalEditor(let text, let node, let field):
                switch handOff(text, name: "\(node).\(field)") {
                case .success(let new):
                    dispatch(.prompt(.report(.externalEditFinished(node: node, field: field, text: new))))
                case .failure(let error): dispatch(.message(error.description, .error))
                }
            case .editCallArguments(let text, let path):
                switch handOff(text, name: "arguments.json") {
                case .success(let new): dispatch(.run(.report(.argumentsEdited(path: path, text: new))))
                case .failure(let error): dispatch(.message(error.description, .error))
                }
            case .copyToClipboard(let text):
                // Between frames (effects run after a frame is drawn, before the next).
                backend.writeSequence(ClipboardSequence.bytes(text, insideTmux: insideTmux))
            case .setMouse(let on): backend.setMouse(on)
            case .redraw: backend.invalidate()
            case .quit: break
            default: effects.submit(effect)
            }
        }
    }

    /// The one hand-off of the terminal to `$EDITOR`: leave curses, let the editor run in the
    /// foreground, come back and repaint everything.
    private func handOff(_ text: String, name: String) -> Result<String?, ExternalEditor.Failure> {
        backend.suspend()
        defer {
            backend.resume()
            dirty = true
        }
        return editor(text, name)
    }

    /// Notices a save made by another program (an editor, `git checkout`), about once a second.
    private func checkDisk(_ now: Date) {
        guard now.timeIntervalSince(lastDiskCheck) >= Self.diskInterval, let path = state.editing.document.path,
            let known = state.editing.document.fingerprint
        else { return }
        lastDiskCheck = now
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let current = FileFingerprint(bytes: data)
        if current == known { lastSeenOnDisk = current }
        if current != known && current != lastSeenOnDisk {
            lastSeenOnDisk = current
            // Unchanged here: take the new file quietly. Changed here too: ask; a later save
            // still refuses to overwrite it until the person says so.
            if state.editing.document.isModified {
                dispatch(.editing(.report(.changedOnDisk)))
            } else {
                enqueue([.reload(path: path)])
            }
        }
    }
}

/// Set when the effects have shut down.
private final class ShutdownFlag: Sendable {
    let value = Atomic<Bool>(false)
}
