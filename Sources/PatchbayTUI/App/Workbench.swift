import Foundation
import PatchbayCore
import Synchronization

/// The interactive workbench: one loop on the main actor that reads keys, reduces actions,
/// hands effects to the `EffectRunner` and redraws what changed. The terminal is given back on
/// every way out: quit, an error, SIGINT/SIGTERM/SIGHUP, and (via the C shim) a crash.
@MainActor
public final class Workbench {
    private var state: AppState
    private let screen: Screen
    private let terminal: NcursesTerminal
    private let effects: EffectQueue
    private let signals = TerminationSignals()
    private var lastDiskCheck = Date.distantPast
    /// The file's content as last seen on disk, so one outside change is reported once.
    private var lastSeenOnDisk: FileFingerprint?

    /// Starts curses and the runner. Call `run()` next.
    public init(_ setup: WorkbenchSetup) {
        let useColor = setup.theme != .monochrome
        terminal = NcursesTerminal(mouse: setup.mouse, useColor: useColor)
        let size = terminal.size
        state = setup.initialState(width: size.width, height: size.height, now: Date())
        effects = EffectQueue(setup)
        screen = Screen(masker: setup.environment.masker)
        enqueue([.validate(state.graph, path: setup.path, revision: state.editing.document.revision)])
    }

    /// Runs until the person quits or a termination signal arrives; returns the exit status.
    public func run() async -> Int32 {
        defer { terminal.restore() }
        var dirty = true
        var lastTick = Date()
        while !state.quit {
            if let signal = signals.received {
                await finish()
                return 128 + signal
            }
            for action in effects.inbox.drain() {
                dispatch(action)
                dirty = true
            }
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 0.1 {
                lastTick = now
                dispatch(.tick(now))
                if state.run.active || state.eval.running || state.message != nil { dirty = true }
                checkDisk(now)
            }
            if dirty {
                terminal.draw(screen.render(state))
                dirty = false
            }
            // Short waits keep streamed tokens flowing to the screen while no key comes.
            if let key = terminal.readKey(timeout: 20) {
                if key == .resize {
                    let size = terminal.size
                    dispatch(.resize(width: size.width, height: size.height))
                } else {
                    dispatch(.key(key))
                }
                dirty = true
            }
            await Task.yield()
        }
        await finish()
        return 0
    }

    /// How long a quit or a termination signal waits for the run in flight to stop before it
    /// leaves anyway. A cancelled node stops within a tick (a jq program is halted, a model
    /// call dropped); what cannot be stopped (a long call inside a jq builtin) is left behind
    /// when the process exits, and the run stays in history as interrupted.
    static let shutdownLimit: Duration = .seconds(1)

    private func finish() async {
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
        terminal.restore()
    }

    private func dispatch(_ action: Action) {
        enqueue(Reducer.reduce(&state, action))
    }

    private func enqueue(_ list: [Effect]) {
        for effect in list {
            switch effect {
            case .externalEditor(let text, let node, let field):
                terminal.suspend()
                let edited = ExternalEditor.edit(text, name: "\(node).\(field)")
                terminal.resume()
                switch edited {
                case .success(let new): dispatch(.runtime(.externalEditFinished(node: node, field: field, text: new)))
                case .failure(let error): dispatch(.runtime(.message(error.description, .error)))
                }
            case .setMouse(let on): terminal.setMouse(on)
            case .redraw: terminal.invalidate()
            case .quit: break
            default: effects.submit(effect)
            }
        }
    }

    /// Notices a save made by another program (an editor, `git checkout`), about once a second.
    private func checkDisk(_ now: Date) {
        guard now.timeIntervalSince(lastDiskCheck) >= 1, let path = state.editing.document.path,
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
                dispatch(.runtime(.changedOnDisk))
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
