import PatchbayCore
import PatchbayPresentation
import Synchronization

/// "What changed?" for the last few pairs of runs (`RunState.outputChanges`). The key is the
/// two step lists themselves: arrays compare by identity first, so a frame that draws the same
/// run compares in constant time, and a new step changes the count, which compares at once
/// too. Several pairs are kept: tests (and a stored run shown beside the session's) share it.
enum OutputChangesMemo {
    private struct Key: Equatable {
        var steps: [Step]
        var previous: [Step]
    }

    private static let capacity = 4
    private static let entries = Mutex<[(key: Key, changes: [String: [ValueChange]])]>([])

    static func changes(
        _ steps: [Step], since previous: [Step], make: () -> [String: [ValueChange]]
    ) -> [String: [ValueChange]] {
        let key = Key(steps: steps, previous: previous)
        if let hit = cached(key) { return hit }
        let made = make()
        entries.withLock { list in
            list.append((key, made))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
        return made
    }

    /// Whether the changes of `steps` since `previous` are known without walking the steps.
    static func isCached(_ steps: [Step], since previous: [Step]) -> Bool {
        cached(Key(steps: steps, previous: previous)) != nil
    }

    private static func cached(_ key: Key) -> [String: [ValueChange]]? {
        entries.withLock { list in list.last { $0.key == key }?.changes }
    }
}
