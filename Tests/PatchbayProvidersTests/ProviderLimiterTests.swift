import Foundation
import Synchronization
import Testing

@testable import PatchbayProviders

@Suite("Provider limits")
struct ProviderLimiterTests {
    @Test("no more than max_concurrency calls are in flight at once")
    func concurrency() async throws {
        let limiter = ProviderLimiter(maxConcurrency: 2, requestsPerMinute: nil)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await limiter.withPermit {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(20))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.peak == 2)
    }

    @Test("requests_per_minute holds back the call past the limit")
    func perMinute() async throws {
        let limiter = ProviderLimiter(maxConcurrency: 10, requestsPerMinute: 3)
        let started = Gauge()
        let task = Task {
            for _ in 0..<4 { try await limiter.withPermit { started.enter() } }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while started.peak < 3 && clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        // The fourth must wait for the window: still three a moment later.
        try await Task.sleep(for: .milliseconds(200))
        #expect(started.peak == 3)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("a waiter that is cancelled leaves the queue and frees nothing it did not hold")
    func cancelWaiter() async throws {
        let limiter = ProviderLimiter(maxConcurrency: 1, requestsPerMinute: nil)
        let gate = AsyncStream<Void>.makeStream()
        let holder = Task { try await limiter.withPermit { for await _ in gate.stream {} } }
        while await limiter.inFlightCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let waiter = Task { try await limiter.withPermit { "ran" } }
        while await limiter.waitingCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await limiter.waitingCount == 0)
        gate.continuation.finish()
        try await holder.value
        #expect(await limiter.inFlightCount == 0)
        #expect(try await limiter.withPermit { "free" } == "free")
    }
}

/// How many are inside now, and the most there ever were.
final class Gauge: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    func enter() {
        state.withLock { s in
            s.now += 1
            s.peak = max(s.peak, s.now)
        }
    }
    func leave() { state.withLock { $0.now -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}
