import Synchronization

/// Actions arriving from other tasks (engine events, effect results) for the UI loop, which
/// takes them all at once between frames. Unbounded: an engine event must never be dropped.
final class Inbox: Sendable {
    private let queue = Mutex<[Action]>([])

    func post(_ action: Action) {
        queue.withLock { $0.append(action) }
    }

    func drain() -> [Action] {
        queue.withLock { actions in
            defer { actions.removeAll(keepingCapacity: true) }
            return actions
        }
    }

    var isEmpty: Bool { queue.withLock { $0.isEmpty } }
}
