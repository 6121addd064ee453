import Foundation
import PatchbayCore
import Synchronization

/// Answers `human` nodes from the workbench: the question becomes a one-line input overlay,
/// and the run waits until the person answers (Enter) or declines (Esc fails the node).
final class WorkbenchHuman: HumanResponder {
    private let post: @Sendable (Action) -> Void
    private let waiting = Mutex<[Int: CheckedContinuation<JSONValue, any Error>]>([:])
    private let nextID = Atomic<Int>(0)

    init(post: @escaping @Sendable (Action) -> Void) {
        self.post = post
    }

    func answer(_ question: HumanQuestion) async throws -> JSONValue {
        let id = nextID.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.withLock { $0[id] = continuation }
                post(.run(.report(.humanQuestion(id: id, question))))
            }
        } onCancel: {
            resolve(id, with: .failure(CancellationError()))
        }
    }

    /// Called by the effect runner with the person's answer, or nil when they declined.
    func resolve(_ id: Int, with result: Result<JSONValue, any Error>) {
        let continuation = waiting.withLock { $0.removeValue(forKey: id) }
        continuation?.resume(with: result)
    }
}

/// Declining a question fails the node with this, so the trace says what happened.
struct HumanDeclined: Error, CustomStringConvertible {
    var description: String { "no answer: the question was dismissed in the workbench" }
}
