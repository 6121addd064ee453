import Foundation
import Synchronization

/// Keeps the last bytes a server wrote to stderr, read on a thread of its own until the pipe
/// closes, so an error can show why a server exited without the output filling memory.
final class StderrTail: Sendable {
    private let kept = Mutex(Data())
    private let finished = Mutex(false)
    static let keep = 4096

    /// Reads `handle` until end-of-file (the server and everything it started have exited).
    init(reading handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while let piece = try? handle.read(upToCount: 1 << 14), !piece.isEmpty {
                kept.withLock { data in
                    data.append(piece)
                    if data.count > 2 * Self.keep { data = Data(data.suffix(Self.keep)) }
                }
            }
            try? handle.close()
            finished.withLock { $0 = true }
        }
    }

    /// The last lines written, trimmed; empty when there were none.
    func text(lines: Int = 12) -> String {
        let data = kept.withLock { Data($0.suffix(Self.keep)) }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits up to `limit` for the pipe to close, so the tail holds the server's last words.
    func waitForEnd(within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while !finished.withLock({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
