import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// A runaway jq program must stop when its run or node is cancelled (issue 11): libjq has no
/// interrupt API, so `JqWatchdog` halts the state of a cancelled task's evaluation.
///
/// A runaway evaluation holds its cooperative thread until it is halted (there may be only two),
/// so the cancels come from a Dispatch queue, as the CLI's signal handler sends them, and the
/// tests run one at a time.
@Suite(.serialized) struct JqCancellationTests {
    static let runaway = "last(repeat(1))"

    @Test func cancellingARunStopsARunawayJqNodeWithinASecond() async throws {
        let g = graph(
            [node("v", .input), node("spin", .jq, ["jq": .string(Self.runaway)]), node("out", .output)],
            ["v -> spin", "spin -> out"])
        let handle = try Engine().start(try ExecutionPlan.build(g, path: nil, resolver: nil), inputs: ["v": 0])
        let (result, took) = try await Self.cancel(handle)
        #expect(took < .seconds(1), "the run ended \(took) after its cancel")
        #expect(result.status == .cancelled)
        #expect(result.step("spin")?.status == .cancelled)
    }

    /// Inside a map each item's jq runs on a worker task, a child of the run's.
    @Test func cancellingARunStopsRunawayJqInsideAMap() async throws {
        let body = graph(
            [
                node("item", .input), node("spin", .jq, ["jq": "if . == 3 then last(repeat(1)) else . end"]),
                node("result", .output),
            ],
            ["item -> spin", "spin -> result"])
        let g = graph(
            [node("xs", .input), node("each", .map, ["graph": "body"]), node("out", .output)],
            ["xs -> each.items", "each -> out"])
        let plan = try ExecutionPlan.build(g, path: "test.graph.yaml", resolver: MemoryResolver(["body": body]))
        let handle = try Engine().start(plan, inputs: ["xs": [1, 2, 3, 4]])
        let (result, took) = try await Self.cancel(handle)
        #expect(took < .seconds(1), "the run ended \(took) after its cancel")
        #expect(result.status == .cancelled)
    }

    /// The halted state goes back to its pool; the next evaluation on it must be a clean one.
    @Test func aProgramStillWorksAfterACancelledEvaluation() async throws {
        let program = try JqProgram.compile("if . == 0 then last(repeat(1)) else . * 2 end")
        let task = Task { try program.first(0) }
        let cancelled = Self.after(.milliseconds(300)) { task.cancel() }
        await #expect(throws: JqError.cancelled) { try await task.value }
        #expect(ContinuousClock.now - (try #require(cancelled.value)) < .seconds(1))
        #expect(program.pooledStates >= 1)
        for value in 1...5 {
            #expect(try program.first(.number(Double(value))) == .number(Double(value * 2)))
        }
    }

    /// A program that uses `halt` is left alone (its own halt could race the watchdog's, which
    /// jq asserts against); it still runs and halts as jq says.
    @Test func programsThatHaltThemselvesStillWork() throws {
        #expect(try JqProgram.compile("1, halt, 2").run(.null) == [1])
        #expect(throws: JqError.self) { try JqProgram.compile("\"stop\" | halt_error").run(.null) }
    }

    // MARK: - Helpers

    /// Cancels 300 ms after the start, from a Dispatch queue, and waits (at most 10 s, so a
    /// failure does not hang the suite). Returns the result and how long after the cancel it came.
    static func cancel(_ handle: RunHandle) async throws -> (RunResult, Duration) {
        let cancelled = after(.milliseconds(300)) { handle.cancel() }
        let timeout = after(.seconds(10)) {}
        var result: RunResult?
        let waiter = Task { await handle.result() }
        while result == nil, timeout.value == nil {
            if let done = await Self.poll(waiter) { result = done }
        }
        let finished = ContinuousClock.now
        let run = try #require(result, "the run did not end within 10 s of its start")
        return (run, finished - (try #require(cancelled.value)))
    }

    /// A result that is ready, waiting up to 20 ms for it.
    private static func poll(_ task: Task<RunResult, Never>) async -> RunResult? {
        await withTaskGroup(of: RunResult?.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(20))
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }

    /// Runs `body` on a Dispatch queue after `delay`; the box holds the moment it ran.
    static func after(_ delay: Duration, _ body: @escaping @Sendable () -> Void) -> Moment {
        let moment = Moment()
        DispatchQueue.global().asyncAfter(
            deadline: .now()
                + .milliseconds(
                    Int(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000))
        ) {
            moment.set(ContinuousClock.now)
            body()
        }
        return moment
    }
}

final class Moment: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: ContinuousClock.Instant?
    var value: ContinuousClock.Instant? { lock.withLock { instant } }
    func set(_ value: ContinuousClock.Instant) { lock.withLock { instant = value } }
}
