import Synchronization

/// The last few results of a pure function, found by comparing keys (never hashing them:
/// hashing would walk a whole graph or trace, while arrays and dictionaries compare by identity
/// first, so an unchanged input is found in constant time). What drawing a frame needs again
/// (a layout, a trace's timeline, an output diff) is computed once.
final class Memo<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    private let capacity: Int
    private let entries = Mutex<[(key: Key, value: Value)]>([])

    init(capacity: Int = 1) { self.capacity = capacity }

    /// The value for `key`, made and kept when it is not known; the oldest is dropped.
    func value(for key: Key, make: () -> Value) -> Value {
        if let hit = cached(key) { return hit }
        let made = make()
        entries.withLock { list in
            list.append((key, made))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
        return made
    }

    /// The value for `key` when it is known; a hit becomes the newest.
    func cached(_ key: Key) -> Value? {
        entries.withLock { list in
            guard let index = list.lastIndex(where: { $0.key == key }) else { return nil }
            let entry = list.remove(at: index)
            list.append(entry)
            return entry.value
        }
    }
}
