import Synchronization

/// What the fault server's connections share: the behaviour, the recorded requests and which
/// fault comes next. One lock; nothing slow happens under it.
final class FaultServerState: Sendable {
    private struct Guarded {
        var behaviour: FaultServer.Behaviour
        var requests: [FaultServer.RecordedRequest] = []
        /// Requests since the last `setBehaviour`: the index into `behaviour.faults`.
        var faultCursor = 0
        /// Model calls answered since the last `setBehaviour`: the index into `behaviour.turns`.
        var turnCursor = 0
    }

    private let guarded: Mutex<Guarded>
    private let flooded = Atomic<Int>(0)

    init(behaviour: FaultServer.Behaviour) {
        guarded = Mutex(Guarded(behaviour: behaviour))
    }

    var requestCount: Int { guarded.withLock { $0.requests.count } }
    var requests: [FaultServer.RecordedRequest] { guarded.withLock { $0.requests } }
    var behaviour: FaultServer.Behaviour { guarded.withLock { $0.behaviour } }

    /// Body bytes written by `.flood` faults.
    var floodedBytes: Int { flooded.load(ordering: .relaxed) }
    func addFlooded(_ count: Int) { flooded.add(count, ordering: .relaxed) }

    func setBehaviour(_ behaviour: FaultServer.Behaviour) {
        guarded.withLock {
            $0.behaviour = behaviour
            $0.faultCursor = 0
            $0.turnCursor = 0
        }
    }

    /// The scripted turn the next answered model call plays; nil past the queue's end.
    func nextTurn() -> FaultServer.Turn? {
        guarded.withLock { guarded in
            defer { guarded.turnCursor += 1 }
            let turns = guarded.behaviour.turns
            return guarded.turnCursor < turns.count ? turns[guarded.turnCursor] : nil
        }
    }

    /// Records a request and hands back the behaviour and the fault that apply to it.
    func admit(_ request: FaultServer.RecordedRequest) -> (FaultServer.Behaviour, Fault) {
        guarded.withLock {
            $0.requests.append(request)
            let faults = $0.behaviour.faults
            let fault = $0.faultCursor < faults.count ? faults[$0.faultCursor] : .ok
            $0.faultCursor += 1
            return ($0.behaviour, fault)
        }
    }
}
