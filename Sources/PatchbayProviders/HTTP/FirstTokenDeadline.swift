import Synchronization

/// Runs one attempt under its first-token deadline: `body` gets a `mark` to call when the first
/// token (or the whole non-streamed body) arrives; if that has not happened within `limit`, the
/// attempt is cancelled — which aborts its HTTP request — and fails with `.firstTokenTimeout`.
func withFirstTokenDeadline<T: Sendable>(
    _ limit: Duration, _ body: @escaping @Sendable (_ mark: @escaping @Sendable () -> Void) async throws -> T
) async throws -> T {
    let box = FirstTokenFlag()
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body { box.set() } }
        group.addTask {
            try await Task.sleep(for: limit)
            if !box.isSet { throw ProviderFailure.firstTokenTimeout(limit) }
            return nil  // the answer is under way: the watchdog steps aside
        }
        while let next = try await group.next() {
            if let value = next {
                group.cancelAll()
                return value
            }
        }
        throw CancellationError()
    }
}

/// Bounds a whole call, retries included.
func withTotalDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws
    -> T
{
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw ProviderFailure.totalTimeout(limit)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// A one-way flag shared between the attempt and its watchdog.
private final class FirstTokenFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .releasing) }
    var isSet: Bool { flag.load(ordering: .acquiring) }
}
