import PatchbayCore

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

    private let memo = Memo<Key, [InspectorLine]>(capacity: 8)

    func lines(for key: Key, make: () -> [InspectorLine]) -> [InspectorLine] {
        memo.value(for: key, make: make)
    }
}
