import Foundation

/// One of N slices of a suite's cases: case k (0-based, file order) belongs to shard
/// (k mod N) + 1, so every machine gets every N-th case whatever the file's order of difficulty.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `I/N` with 1 ≤ I ≤ N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 1, i >= 1, i <= n
        else { return nil }
        self.init(index: i, count: n)
    }

    public func contains(caseIndex k: Int) -> Bool { k % count + 1 == index }

    public var description: String { "\(index)/\(count)" }
}
