import Foundation

/// Turns SIGINT/SIGTERM into a cancel of the run instead of killing the process mid-write.
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: onInterrupt)
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
