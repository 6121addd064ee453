import Foundation
import Synchronization

/// State shared by every level of one run: environment, options, the trace, debugger hooks and
/// the node tasks that can be cancelled one by one. Lock-protected rather than an actor because
/// it sits on the per-node hot path, where an actor hop would cost more than the work.
final class RunContext: Sendable {
    let runID: String
    let environment: EngineEnvironment
    let options: RunOptions
    let recorder: RunRecorder
    let hooks: (any DebugHooks)?
    let tasks = NodeTasks()
    /// The caps of this run: the options' when they set some, else the environment's.
    let limits: RunLimits
    /// Steps begun so far, every level counted (`admitStep`).
    private let stepCount = Atomic<Int>(0)
    /// Set once a limit is reached: from then on no node starts, and no `on_error` route or
    /// retry takes the failure (the same work would reach the same limit).
    private let limitHit = Atomic<Bool>(false)
    private let limitError = Mutex<RunLimitError?>(nil)
    /// The run's start on both clocks: a step's `startedAt` is derived from its monotonic start,
    /// one clock read instead of two.
    private let startDate = Date()
    private let startClock = DispatchTime.now().uptimeNanoseconds

    init(
        runID: String, environment: EngineEnvironment, options: RunOptions, recorder: RunRecorder,
        hooks: (any DebugHooks)?
    ) {
        self.runID = runID
        self.environment = environment
        self.options = options
        self.recorder = recorder
        self.hooks = hooks
        limits = options.limits ?? environment.limits
    }

    /// Counts a step about to begin at `path`; returns the error that stops it when the run is
    /// past its step cap or already stopped at a limit. One relaxed atomic add per step.
    func admitStep(_ path: StepPath) -> RunLimitError? {
        let number = stepCount.wrappingAdd(1, ordering: .relaxed).newValue
        if limitHit.load(ordering: .acquiring) { return limitError.withLock { $0 } }
        guard number > limits.steps else { return nil }
        return stop(
            RunLimitError(
                .steps, "`\(path)` would be step \(number) of this run, more than the steps limit (\(limits.steps))",
                needed: RunLimits.doubled(limits.steps)))
    }

    /// Counts a step that is recorded without running (skipped): it is in the trace all the same.
    func countSkippedStep() { stepCount.wrappingAdd(1, ordering: .relaxed) }

    /// Stops the run at a limit; the first error reached is the one every later node reports.
    @discardableResult
    func stop(_ error: RunLimitError) -> RunLimitError {
        let first = limitError.withLock { current in
            if current == nil { current = error }
            return current!
        }
        limitHit.store(true, ordering: .releasing)
        return first
    }

    /// Whether a limit stopped the run.
    var stoppedAtLimit: Bool { limitHit.load(ordering: .acquiring) }

    /// The wall-clock time of a monotonic instant (`DispatchTime` nanoseconds) during this run.
    func date(at uptime: UInt64) -> Date {
        startDate.addingTimeInterval(Double(Int64(bitPattern: uptime &- startClock)) * 1e-9)
    }
}

/// The trace of a run, and the event stream it feeds. Steps are numbered and their events queued
/// under one lock, so event order always matches step order.
///
/// Events go to the channel in batches (see `RunEvents`): when the scheduler is about to wait,
/// when a slow node starts, every 2 ms, or every 256 events.
final class RunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [Step] = []
    private var pending: [RunEvent] = []
    /// Finished steps not yet handed to the journal.
    private var journalPending: [Step] = []
    private var lastFlush = ContinuousClock.now
    private let channel: EventChannel?
    private let journal: JournalFeed?
    /// Whether anyone takes batches (events or the journal): without, nothing is queued.
    private let batching: Bool
    private static let maxDelay = Duration.milliseconds(2)
    /// The one place secrets are masked on their way to events, the journal and the result:
    /// every step and event passes here.
    let masker: SecretMasker
    /// Streamed text held back per step path because it may be the start of a secret.
    private var heldTokens: [String: String] = [:]

    init(channel: EventChannel?, journal: JournalFeed? = nil, masker: SecretMasker = .none) {
        self.channel = channel
        self.journal = journal
        self.masker = masker
        batching = channel != nil || journal != nil
    }

    /// Queues an event; `flush` sends it (and everything before it) now.
    func emit(_ event: RunEvent, flush: Bool = false) {
        guard channel != nil else { return }
        if !masker.isEmpty, case .tokenDelta(let path, let text) = event { return emitToken(path, text, flush: flush) }
        let event = masker.isEmpty ? event : masker.mask(event)
        lock.withLock {
            pending.append(event)
            if flush { flushLocked() } else { flushIfDue() }
        }
    }

    /// A secret may arrive split over several deltas: the tail that could begin one waits for
    /// the next delta, or for the step's end.
    private func emitToken(_ path: StepPath, _ text: String, flush: Bool) {
        lock.withLock {
            let key = path.description
            let masked = masker.mask((heldTokens[key] ?? "") + text)
            let hold = masker.pendingSuffixLength(of: masked)
            heldTokens[key] = hold == 0 ? nil : String(masked.suffix(hold))
            let ready = String(masked.dropLast(hold))
            if !ready.isEmpty { pending.append(.tokenDelta(path: path, text: ready)) }
            if flush { flushLocked() } else { flushIfDue() }
        }
    }

    @discardableResult
    func record(_ step: Step) -> Step {
        let step = masker.mask(step)
        return lock.withLock {
            let step = appendLocked(step)
            if batching { flushIfDue() }
            return step
        }
    }

    /// Records steps that ran back to back in place, each with its started event.
    func record(batch: [Step]) {
        let batch = masker.isEmpty ? batch : batch.map(masker.mask)
        lock.withLock {
            for step in batch {
                if channel != nil, step.status != .skipped {
                    pending.append(.nodeStarted(path: step.path, inputs: step.inputs))
                }
                appendLocked(step)
            }
            if batching { flushIfDue() }
        }
    }

    @discardableResult
    private func appendLocked(_ step: Step) -> Step {
        step.numberInPlace(steps.count)
        steps.append(step)
        if journal != nil { journalPending.append(step) }
        if channel != nil {
            if !heldTokens.isEmpty, let held = heldTokens.removeValue(forKey: step.path.description) {
                pending.append(.tokenDelta(path: step.path, text: held))
            }
            switch step.status {
            case .succeeded, .cached, .replayed: pending.append(.nodeFinished(step))
            case .skipped: pending.append(.nodeSkipped(step))
            case .failed, .cancelled: pending.append(.nodeFailed(step))
            }
        }
        return step
    }

    func flush() { lock.withLock { flushLocked() } }

    var allSteps: [Step] { lock.withLock { steps } }

    func finish() {
        flush()
        channel?.finish()
    }

    private func flushIfDue() {
        if pending.count >= 256 || journalPending.count >= 256 || ContinuousClock.now - lastFlush > Self.maxDelay {
            flushLocked()
        }
    }

    private func flushLocked() {
        if let journal, !journalPending.isEmpty {
            journal.journal.stepsFinished(journalPending, runID: journal.runID)
            journalPending = []
        }
        if let channel, !pending.isEmpty {
            let batch = pending
            pending = []  // hands the storage over instead of copying it
            channel.send(batch)
        }
        lastFlush = ContinuousClock.now
    }
}

/// A run's journal with the run's id, so the recorder hands steps over without a lookup.
struct JournalFeed: Sendable {
    let journal: any RunJournal
    let runID: String
}

/// Running node tasks by path, so one node can be cancelled without the run.
final class NodeTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [String: Task<NodeResult, any Error>] = [:]

    func register(_ path: StepPath, _ task: Task<NodeResult, any Error>) {
        lock.withLock { tasks[path.description] = task }
    }

    func remove(_ path: StepPath) {
        _ = lock.withLock { tasks.removeValue(forKey: path.description) }
    }

    /// Returns whether a node with that path was running.
    @discardableResult
    func cancel(_ path: StepPath) -> Bool {
        let task = lock.withLock { tasks[path.description] }
        task?.cancel()
        return task != nil
    }

    var running: [String] { lock.withLock { Array(tasks.keys) } }
}

/// How a debug session steers a run. The scheduler awaits these only when a session is attached.
protocol DebugHooks: Sendable {
    /// Called before a node runs; suspends while the session is paused there.
    func beforeNode(_ path: StepPath, kind: NodeKind, inputs: [String: JSONValue], next: [String]) async
        -> DebugDecision
    /// Called after a node's step is recorded; suspends while paused after it.
    func afterNode(_ step: Step, next: [String]) async
}

enum DebugDecision: Sendable {
    /// Run the node with these inputs (edited while paused, or as they were).
    case proceed([String: JSONValue])
    /// Paused before a tool call: skip the call; the model is told this result instead.
    case supply(JSONValue)
    /// The run was cancelled while paused.
    case cancel
}
