import Synchronization

/// The effects `reduce` asks for, performed one after another in the order asked (a breakpoint
/// set before a run starts is in place when it starts) by one `EffectRunner`, whose reports
/// arrive in `inbox`. Both front ends, the terminal and the headless one, run effects this way.
final class EffectQueue: Sendable {
    let inbox = Inbox()
    private let runner: EffectRunner
    private let continuation: AsyncStream<Effect>.Continuation
    private let outstanding: Outstanding

    private final class Outstanding: Sendable {
        let count = Atomic<Int>(0)
    }

    init(_ setup: WorkbenchSetup) {
        let inbox = self.inbox
        let runner = EffectRunner(
            environment: setup.environment, modelAliases: setup.modelAliases, documentPath: setup.path,
            store: setup.store, evalDefaults: setup.evalDefaults
        ) { inbox.post($0) }
        let outstanding = Outstanding()
        // Unbounded: an effect must never be dropped, and they are few.
        let (stream, continuation) = AsyncStream.makeStream(of: Effect.self, bufferingPolicy: .unbounded)
        Task.detached {
            for await effect in stream {
                await runner.perform(effect)
                outstanding.count.subtract(1, ordering: .sequentiallyConsistent)
            }
        }
        if let starts = setup.localModelStarts {
            Task.detached {
                for await starting in starts { inbox.post(.run(.report(.localModelStarting(starting)))) }
            }
        }
        self.runner = runner
        self.continuation = continuation
        self.outstanding = outstanding
    }

    // The loop above holds the stream, not the queue: ending it here lets that task finish.
    deinit { continuation.finish() }

    func submit(_ effect: Effect) {
        outstanding.count.add(1, ordering: .sequentiallyConsistent)
        continuation.yield(effect)
    }

    /// No effect waits or runs now.
    var isIdle: Bool { outstanding.count.load(ordering: .sequentiallyConsistent) == 0 }

    /// Stops taking effects, cancels a run in flight and waits for its events to end.
    func shutdown() async {
        continuation.finish()
        await runner.shutdown()
    }
}
