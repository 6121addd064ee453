import CJq
import Foundation
import Synchronization

/// Stops jq evaluations whose task was cancelled.
///
/// libjq has no interrupt API, and an evaluation runs synchronously (inline nodes run in place,
/// a map item's jq per item, at a microsecond each: no thread hop to spare). But `jq_next`
/// checks its state's `halted` flag before every bytecode instruction, so a cancelled
/// evaluation is stopped by halting its state from outside. This thread looks, every 50 ms, at
/// the evaluations in flight, and halts those whose task is cancelled; the evaluation then
/// throws and its node ends cancelled. A runaway program (`last(repeat(1))`, `range(1e12)`) so
/// stops within a tick, and its CPU and memory come back at once.
///
/// Not stopped: a single long call into a C builtin (a pathological regex, `sort` of a huge
/// array), which does not look at the flag, and programs that mention `halt` (their own halt
/// could race ours, which jq asserts against). Front ends exit anyway when a run does not end
/// soon after a cancel (the CLI after 2 s).
final class JqWatchdog: Sendable {
    static let shared = JqWatchdog()

    private let states = Mutex<[WeakState]>([])
    private let started = Atomic<Bool>(false)
    /// Watches `state` from now on; starts the thread on first use.
    func watch(_ state: JqCompiledState) {
        states.withLock { list in
            list.removeAll { $0.state == nil }
            list.append(WeakState(state: state))
        }
        if !started.exchange(true, ordering: .relaxed) {
            let thread = Thread { [self] in loop() }
            thread.name = "patchbay.jq-watchdog"
            thread.qualityOfService = .utility
            thread.start()
        }
    }

    private func loop() {
        while true {
            usleep(50_000)
            let live = states.withLock { list in list.compactMap(\.state) }
            for state in live { state.haltIfCancelled() }
        }
    }
}

private struct WeakState: Sendable {
    weak var state: JqCompiledState?
}

/// The task evaluating on a state. `UnsafeCurrentTask` is only read for `isCancelled` (an atomic
/// load of the task's status), and only while the task is blocked inside the evaluation, so it
/// is alive.
struct JqEvaluationOwner: @unchecked Sendable {
    let task: UnsafeCurrentTask

    /// The current task, when this code runs in one.
    static var current: JqEvaluationOwner? { withUnsafeCurrentTask { $0.map(JqEvaluationOwner.init) } }
}

/// What the watchdog knows of one state's current evaluation.
struct JqEvaluationSlot: Sendable {
    var owner: JqEvaluationOwner?
    var running = false
    /// Set when the watchdog halted this evaluation: its end is a cancel, not an output.
    var cancelled = false
}

extension JqCompiledState {
    /// Marks the evaluation started on this state (after `jq_start`) by `owner`.
    func beginEvaluation(_ owner: JqEvaluationOwner) {
        slot.withLock { $0 = JqEvaluationSlot(owner: owner, running: true, cancelled: false) }
    }

    /// Ends it (before the state is reset or reused); true when the watchdog halted it.
    func endEvaluation() -> Bool {
        slot.withLock { slot in
            defer { slot = JqEvaluationSlot() }
            return slot.cancelled
        }
    }

    fileprivate func haltIfCancelled() {
        guard haltable else { return }
        slot.withLock { slot in
            guard slot.running, !slot.cancelled, let owner = slot.owner, owner.task.isCancelled, jq_halted(state) == 0
            else { return }
            jq_halt(state, pb_jv_invalid(), pb_jv_invalid())
            slot.cancelled = true
        }
    }
}
