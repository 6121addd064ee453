import PatchbayCore
import Synchronization

/// The last few JSON blocks turned into lines. A frame rebuilds `InspectorContent`, but its
/// values are the same dictionaries as the frame before, and comparing those is an identity
/// check: a 5,000-item output is laid out once, not on every frame (nor on every streamed
/// token, which changes another block). Entries are compared, never hashed: hashing would walk
/// the whole value.
final class InspectorLinesCache: Sendable {
    struct Key: Equatable {
        var values: [String: JSONValue]
        var sectionID: String
        var options: JSONLines.Options
    }

    static let shared = InspectorLinesCache()

    private let capacity = 8
    private let entries = Mutex<[(key: Key, lines: [InspectorLine])]>([])

    func lines(for key: Key, make: () -> [InspectorLine]) -> [InspectorLine] {
        if let hit = entries.withLock({ list -> [InspectorLine]? in
            guard let index = list.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = list.remove(at: index)
            list.append(entry)
            return entry.lines
        }) {
            return hit
        }
        let made = make()
        entries.withLock { list in
            list.append((key, made))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
        return made
    }
}
