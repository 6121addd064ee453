import Foundation

/// The events of one run, in order, ending after `runFinished`.
///
/// Buffering is unbounded (a dropped step event would be a hole in the trace) and delivery is in
/// batches: the runner hands over what it has when it is about to wait, when a slow node starts
/// or a token arrives, and at least every 2 ms, and the iterator then walks the batch without
/// touching shared state. One event at a time through `AsyncStream` cost more than running a
/// cheap node. Iterate it once; a second iterator would take events from the first.
public struct RunEvents: AsyncSequence, Sendable {
    public typealias Element = RunEvent
    let channel: EventChannel

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: EventChannel
        var batches: [[RunEvent]] = []
        var batch: [RunEvent] = []
        var nextBatch = 0
        var index = 0

        public mutating func next() async -> RunEvent? {
            while index == batch.count {
                if nextBatch == batches.count {
                    guard let more = await channel.take() else { return nil }
                    batches = more
                    nextBatch = 0
                }
                // Taken out of the list so that this iterator holds the only reference.
                batch = batches[nextBatch]
                batches[nextBatch] = []
                nextBatch += 1
                index = 0
            }
            defer { index += 1 }
            // Moved out rather than copied: the batch is this iterator's alone, so the event
            // needs no retain here and no release when the batch goes (a trivial value is left).
            return batch.withUnsafeMutableBufferPointer { events in
                let slot = events.baseAddress! + index
                let event = slot.move()
                slot.initialize(to: .resumed)
                return event
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: channel) }
}

/// One producer, one consumer, batches of events in between. Batches are handed over as they
/// came, never concatenated, so no event is copied on the way.
final class EventChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [[RunEvent]] = []
    private var finished = false
    private var waiter: CheckedContinuation<[[RunEvent]]?, Never>?

    func send(_ events: [RunEvent]) {
        let (waiting, batches): (CheckedContinuation<[[RunEvent]]?, Never>?, [[RunEvent]]) = lock.withLock {
            buffer.append(events)
            guard let waiter else { return (nil, []) }
            self.waiter = nil
            defer { buffer = [] }
            return (waiter, buffer)
        }
        waiting?.resume(returning: batches)
    }

    func finish() {
        let waiting: CheckedContinuation<[[RunEvent]]?, Never>? = lock.withLock {
            finished = true
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: nil)
    }

    /// Every batch sent since the last call; waits when there is nothing yet; nil once finished
    /// and drained, or when the waiting task is cancelled.
    func take() async -> [[RunEvent]]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[[RunEvent]]?, Never>) in
                let ready: [[RunEvent]]?? = lock.withLock {
                    if !buffer.isEmpty {
                        defer { buffer = [] }
                        return .some(buffer)
                    }
                    if finished || Task.isCancelled { return .some(nil) }
                    waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiting: CheckedContinuation<[[RunEvent]]?, Never>? = lock.withLock {
                defer { waiter = nil }
                return waiter
            }
            waiting?.resume(returning: nil)
        }
    }
}
