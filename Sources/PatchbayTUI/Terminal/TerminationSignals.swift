import Dispatch
import Foundation
import Synchronization

/// SIGINT, SIGTERM and SIGHUP end the workbench through its normal exit, so the terminal is
/// restored and a running model call is cancelled. (Ctrl-C at the keyboard is a key in raw
/// mode: it cancels the run, never the app.) Unchecked: the sources are only kept alive here.
final class TerminationSignals: @unchecked Sendable {
    private final class Flag: Sendable {
        let value = Atomic<Int32>(0)
    }

    private let flag = Flag()
    private let sources: [DispatchSourceSignal]

    init() {
        let queue = DispatchQueue(label: "patchbay.signals")
        let flag = self.flag
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { flag.value.store(number, ordering: .relaxed) }
            source.resume()
            return source
        }
    }

    /// The signal that asked to end, if one came.
    var received: Int32? {
        let value = flag.value.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
