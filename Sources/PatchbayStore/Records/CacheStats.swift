import Foundation

/// What the persistent step cache holds.
public struct CacheStats: Sendable, Hashable, Codable {
    public var entries: Int
    /// Size of the stored outputs and keys, in bytes (the file holds some more).
    public var bytes: Int
    /// Lookups answered from the cache, over the store's life.
    public var hits: Int
    public var oldest: Date?
    public var newest: Date?

    public init(entries: Int, bytes: Int, hits: Int, oldest: Date?, newest: Date?) {
        self.entries = entries
        self.bytes = bytes
        self.hits = hits
        self.oldest = oldest
        self.newest = newest
    }
}
