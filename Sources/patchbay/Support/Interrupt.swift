import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a cancel of the run instead of killing the process mid-write.
/// A second signal means "now": the local model server is stopped and the process exits (130).
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let count = SignalCount()

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [count] in
                if count.next() == 1 { return onInterrupt() }
                LocalChild.terminate()
                Foundation.exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

private final class SignalCount: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
