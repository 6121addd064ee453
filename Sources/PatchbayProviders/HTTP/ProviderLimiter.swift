import Foundation

/// A provider's shared budget: at most `maxConcurrency` requests in flight and at most
/// `requestsPerMinute` started in any 60-second window, across every run in the process.
actor ProviderLimiter {
    private let maxConcurrency: Int
    private let requestsPerMinute: Int?
    private var inFlight = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiter: UInt64 = 0
    /// Start times inside the current window, oldest first.
    private var recentStarts: [ContinuousClock.Instant] = []
    private let clock = ContinuousClock()

    init(maxConcurrency: Int, requestsPerMinute: Int?) {
        self.maxConcurrency = max(1, maxConcurrency)
        self.requestsPerMinute = requestsPerMinute.map { max(1, $0) }
    }

    /// Runs `body` holding one slot; waits (cancellably) for a slot and for room in the window.
    func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        try await waitForWindow()
        return try await body()
    }

    /// For tests: calls holding a slot, and calls queued for one.
    var inFlightCount: Int { inFlight }
    var waitingCount: Int { waiters.count }

    private func acquire() async throws {
        if inFlight < maxConcurrency {
            inFlight += 1
            return
        }
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func release() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            // The slot passes straight to the next waiter: inFlight stays the same.
            waiters.removeFirst().continuation.resume()
        }
    }

    private func waitForWindow() async throws {
        guard let limit = requestsPerMinute else { return }
        while true {
            let now = clock.now
            recentStarts.removeAll { now - $0 >= .seconds(60) }
            if recentStarts.count < limit {
                recentStarts.append(now)
                return
            }
            try await Task.sleep(until: recentStarts[0] + .seconds(60), clock: clock)
        }
    }
}
