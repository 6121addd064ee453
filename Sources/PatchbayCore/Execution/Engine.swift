import Foundation

/// Starts runs of compiled graphs. Results come back as values and as an event stream; the
/// engine itself never prints.
public struct Engine: Sendable {
    public var environment: EngineEnvironment

    public init(environment: EngineEnvironment = EngineEnvironment()) {
        self.environment = environment
    }

    /// Starts a run. Throws `RunInputError` (every problem at once) when the inputs don't fit
    /// the graph's `input` nodes.
    public func start(_ plan: ExecutionPlan, inputs: [String: JSONValue], options: RunOptions = RunOptions()) throws
        -> RunHandle
    {
        try start(plan, inputs: inputs, options: options, hooks: nil)
    }

    /// Runs to the end and returns the result.
    public func run(_ plan: ExecutionPlan, inputs: [String: JSONValue], options: RunOptions = RunOptions()) async throws
        -> RunResult
    {
        try await start(plan, inputs: inputs, options: options).result()
    }

    func start(_ plan: ExecutionPlan, inputs: [String: JSONValue], options: RunOptions, hooks: (any DebugHooks)?) throws
        -> RunHandle
    {
        let problems = plan.checkInputs(inputs)
        if !problems.isEmpty { throw RunInputError(problems: problems, path: plan.path) }
        let runID = UUID().uuidString.lowercased()
        let channel = EventChannel()
        let journal = environment.journal
        let masker = environment.masker
        journal?.runStarted(
            JournalRun(
                runID: runID, graph: plan.graph, graphPath: plan.path, inputs: masker.mask(inputs), startedAt: Date(),
                sampleIndex: options.sampleIndex, origin: options.origin, subgraphs: plan.subgraphs))
        let recorder = RunRecorder(
            channel: channel, journal: journal.map { JournalFeed(journal: $0, runID: runID) }, masker: masker)
        let context = RunContext(
            runID: runID, environment: environment, options: options, recorder: recorder, hooks: hooks)
        let task = Task {
            recorder.emit(.runStarted(runID: runID, plan: plan.plan), flush: true)
            let outcome = await LevelRunner(plan: plan, run: context, prefix: .root, inputs: inputs).run()
            // Servers the run started stop before its result is out, so none outlives the run.
            await environment.tools?.endRun(runID)
            let status: RunResult.Status =
                outcome.cancelled ? .cancelled : outcome.failure == nil ? .succeeded : .failed
            let result = RunResult(
                runID: runID, status: status, outputs: masker.mask(outcome.outputs), steps: recorder.allSteps,
                error: outcome.failure.map(masker.mask))
            // Every step before the run's end, in the journal as in the stream.
            recorder.flush()
            journal?.runFinished(result)
            recorder.emit(.runFinished(result))
            recorder.finish()
            return result
        }
        return RunHandle(runID: runID, events: RunEvents(channel: channel), task: task, context: context)
    }
}

/// A run in flight: its events, its result, and its cancel buttons.
public final class RunHandle: Sendable {
    public let runID: String
    /// Every event of the run, ending after `runFinished`. Buffering is unbounded.
    public let events: RunEvents
    private let task: Task<RunResult, Never>
    let context: RunContext

    init(runID: String, events: RunEvents, task: Task<RunResult, Never>, context: RunContext) {
        self.runID = runID
        self.events = events
        self.task = task
        self.context = context
    }

    public func result() async -> RunResult { await task.value }

    /// Cancels the whole run: running nodes stop, nothing new starts.
    public func cancel() { task.cancel() }

    /// Cancels one running node; what depends on it is skipped, the rest goes on.
    /// Returns false when no node with that path is running.
    @discardableResult
    public func cancel(node path: StepPath) -> Bool { context.tasks.cancel(path) }

    /// Paths of nodes executing now.
    public var runningNodes: [String] { context.tasks.running }
}

/// The values given to a run don't fit its graph.
public struct RunInputError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var path: String?

    public var hint: Hint { .giveInputs }

    public var description: String { rendered(hint: \.description) }

    public func rendered(hint phrase: (Hint) -> String) -> String {
        let head = path.map { "\($0): " } ?? ""
        return problems.map { "\(head)error: \($0)" }.joined(separator: "\n") + "\n  hint: \(phrase(hint))"
    }
}
