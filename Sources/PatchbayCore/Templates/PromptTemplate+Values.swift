import Mustache

// How JSON values look to swift-mustache. Stock rendering uses `String(describing:)`, which
// would print `3.0` and Swift dictionary syntax; these wrappers print JSON instead.

enum MustacheBridge {
    static func wrap(_ value: JSONValue) -> Any {
        switch value {
        case .null: MustacheNull()
        case .bool(let b): b  // a real Bool, so sections treat it as a condition
        case .number(let n): MustacheNumber(value: n)
        case .string(let s): s  // a real String, so transforms like `uppercased(name)` work
        case .array(let items): MustacheList(items: items)
        case .object(let fields): MustacheObject(fields: fields)
        }
    }
}

/// The top of the context stack. A lookup that reaches it and fails found the name nowhere.
struct MustacheRoot: MustacheParent {
    let fields: [String: JSONValue]
    let misses: MustacheMissLog

    func child(named name: String) -> Any? {
        guard let value = fields[name] else {
            misses.names.append(name)
            return nil
        }
        return MustacheBridge.wrap(value)
    }
}

/// Names the root could not resolve during one render (rendering is synchronous).
final class MustacheMissLog {
    var names: [String] = []
}

struct MustacheObject: MustacheParent, MustacheCustomRenderable {
    let fields: [String: JSONValue]
    func child(named name: String) -> Any? { fields[name].map(MustacheBridge.wrap) }
    var renderText: String { JSONValue.object(fields).compactJSON }
    var isNull: Bool { false }
}

struct MustacheList: MustacheSequence, MustacheCustomRenderable, MustacheTransformable {
    let items: [JSONValue]
    func makeIterator() -> IndexingIterator<[Any]> { items.map(MustacheBridge.wrap).makeIterator() }
    var renderText: String { JSONValue.array(items).compactJSON }
    var isNull: Bool { false }

    func transform(_ name: String) -> Any? {
        switch name {
        case "first": items.first.map(MustacheBridge.wrap)
        case "last": items.last.map(MustacheBridge.wrap)
        case "reversed": MustacheList(items: items.reversed())
        case "count": items.count
        case "empty": items.isEmpty
        default: nil
        }
    }
}

struct MustacheNumber: MustacheCustomRenderable, MustacheTransformable {
    let value: Double
    var renderText: String { JSONValue.number(value).compactJSON }
    var isNull: Bool { false }

    /// Integer transforms (`plusone`, `even`, …) for whole numbers, as the library has for Int.
    func transform(_ name: String) -> Any? {
        guard let int = JSONValue.number(value).intValue else { return nil }
        return int.transform(name)
    }
}

struct MustacheNull: MustacheCustomRenderable {
    var renderText: String { "null" }
    var isNull: Bool { true }
}
