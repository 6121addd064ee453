import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a cancel of the run instead of killing the process mid-write.
/// A second signal means "now": the local model server is stopped and the process exits (130).
/// A cancelled node stops within a fraction of a second (a jq program is halted, a model call
/// or command dropped); if the command is still running `grace` after the first signal (a node
/// stuck inside a call nothing can interrupt, such as a long jq builtin), it exits by itself
/// with the cancelled status (1), and the run stays in history as interrupted.
final class Interrupt: @unchecked Sendable {
    static let grace: Duration = .seconds(3)

    private var sources: [DispatchSourceSignal] = []
    private let count = SignalCount()
    private let stopped = StopFlag()

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [count, stopped] in
                guard count.next() == 1 else {
                    LocalChild.terminate()
                    Foundation.exit(130)
                }
                onInterrupt()
                DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(Self.grace.components.seconds))) {
                    guard !stopped.value.load(ordering: .sequentiallyConsistent) else { return }
                    Console.err(
                        "error: the run did not stop within \(Self.grace) of the signal; exiting (it stays in history as interrupted)"
                    )
                    LocalChild.terminate()
                    Foundation.exit(1)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        stopped.value.store(true, ordering: .sequentiallyConsistent)
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

private final class SignalCount: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

private final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}
