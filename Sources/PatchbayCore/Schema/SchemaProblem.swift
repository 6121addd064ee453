/// What is wrong with a schema itself, and where: the keys (and list indices) leading to the
/// offending keyword, so a diagnostic can point at it in the graph or schema file.
public struct SchemaProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var steps: [Step]
    public var message: String

    public init(steps: [Step], message: String) {
        self.steps = steps
        self.message = message
    }

    /// `properties.age.type` (`anyOf[1]` for list items); empty for the schema itself.
    public var keyPath: String {
        steps.reduce("") { text, step in
            switch step {
            case .key(let key): text.isEmpty ? key : "\(text).\(key)"
            case .index(let index): "\(text)[\(index)]"
            }
        }
    }

    /// `at `properties.age.type`: unknown type "int"…`
    public var description: String { steps.isEmpty ? message : "at `\(keyPath)`: \(message)" }
}

/// Why a value does not conform: where (`$.items[2].name`) and what, in words a person can act on.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `$.age: expected integer, got string "thirty"`
    public var description: String { "\(path): \(message)" }
}
