import Foundation

/// Reads a file or pipe up to a limit and stops there: a producer larger than `value_bytes` is
/// refused after reading `limit + 1` bytes, not after holding all of it in memory.
enum BoundedRead {
    enum Outcome {
        case complete(Data)
        /// More than `limit` bytes were there; what was read is dropped.
        case overLimit
    }

    static func read(_ handle: FileHandle, limit: Int) throws -> Outcome {
        var data = Data()
        let chunk = 1 << 16
        while true {
            let want = min(chunk, limit + 1 - data.count)
            guard let piece = try handle.read(upToCount: want), !piece.isEmpty else { return .complete(data) }
            data.append(piece)
            if data.count > limit { return .overLimit }
        }
    }

    /// Reads to the end, keeping only the last `keep` bytes: a program's stderr, of which a
    /// message shows the tail, however much it writes.
    static func tail(_ handle: FileHandle, keep: Int) -> Data {
        var data = Data()
        while let piece = try? handle.read(upToCount: 1 << 16), !piece.isEmpty {
            data.append(piece)
            if data.count > 2 * keep { data = data.suffix(keep) }
        }
        return data.suffix(keep)
    }
}
