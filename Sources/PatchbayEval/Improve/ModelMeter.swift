import Foundation
import PatchbayCore

/// The models of an `improve` search, counted: every request that reaches a back end (cache
/// hits do not) and what it cost, so the search can stop at its budget.
final class ModelMeter: ModelProvider, @unchecked Sendable {
    let inner: any ModelProvider
    private let lock = NSLock()
    private var requests = 0
    private var spent = 0.0

    init(_ inner: any ModelProvider) { self.inner = inner }

    var calls: Int { lock.withLock { requests } }
    var cost: Double { lock.withLock { spent } }
    var secrets: SecretMasker { inner.secrets }

    func resolve(alias: String) throws -> ResolvedModel { try inner.resolve(alias: alias) }

    func complete(_ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void)
        async throws -> ModelResponse
    {
        lock.withLock { requests += 1 }
        let response = try await inner.complete(request, model: model, onToken: onToken)
        lock.withLock { spent += response.cost ?? 0 }
        return response
    }
}

/// A task to cancel from a callback that may run before the task exists.
final class CancelSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<EvalReport, Never>?
    private var flipped = false

    func hold(_ task: Task<EvalReport, Never>) {
        let cancel = lock.withLock {
            self.task = task
            return flipped
        }
        if cancel { task.cancel() }
    }

    func flip() {
        let task = lock.withLock {
            flipped = true
            return self.task
        }
        task?.cancel()
    }
}
