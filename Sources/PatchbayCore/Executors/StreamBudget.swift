import Synchronization

/// Counts a model's streamed text against `value_bytes` while it arrives, and cancels the call
/// once it is past: a server that never stops sending is cut off at the limit, not after the
/// whole answer was held (a complete answer is measured again with the node's outputs).
final class StreamBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)
    private let call = Mutex<Task<ModelResponse, any Error>?>(nil)

    init(limit: Int) { self.limit = limit }

    /// Counts `text`; true while the stream is within the limit. Past it, the call is cancelled.
    func take(_ text: String) -> Bool {
        guard used.wrappingAdd(text.utf8.count, ordering: .relaxed).newValue > limit else { return true }
        call.withLock { $0 }?.cancel()
        return false
    }

    var exceeded: Bool { used.load(ordering: .relaxed) > limit }

    /// Runs `body` as the call this budget may cancel; cancelling the caller cancels it too.
    func run(_ body: @escaping @Sendable () async throws -> ModelResponse) async throws -> ModelResponse {
        let task = Task { try await body() }
        call.withLock { $0 = task }
        if exceeded { task.cancel() }  // text that arrived before the task was stored
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
