import PatchbayCore
import PatchbayPresentation

/// "What changed?" for the last few pairs of runs (`RunState.outputChanges`). The key is the
/// two step lists themselves: arrays compare by identity first, so a frame that draws the same
/// run compares in constant time, and a new step changes the count, which compares at once
/// too. Several pairs are kept: tests (and a stored run shown beside the session's) share it.
enum OutputChangesMemo {
    private struct Key: Equatable {
        var steps: [Step]
        var previous: [Step]
    }

    private static let memo = Memo<Key, [String: [ValueChange]]>(capacity: 4)

    static func changes(
        _ steps: [Step], since previous: [Step], make: () -> [String: [ValueChange]]
    ) -> [String: [ValueChange]] {
        memo.value(for: Key(steps: steps, previous: previous), make: make)
    }

    /// Whether the changes of `steps` since `previous` are known without walking the steps.
    static func isCached(_ steps: [Step], since previous: [Step]) -> Bool {
        memo.cached(Key(steps: steps, previous: previous)) != nil
    }
}
