/// What a node kind declares: its fields (with types and docs) and its fixed ports.
///
/// Ports that depend on a node's config (template placeholders, switch cases, a sub-graph's
/// inputs and outputs) are added by `NodePorts.resolve`.
public struct KindSpec: Sendable {
    public var kind: NodeKind
    public var summary: String
    public var fields: [FieldSpec]
    public var inputs: [PortSpec]
    public var outputs: [PortSpec]
    /// A YAML snippet for docs and `patchbay nodes`.
    public var example: String

    /// Fields every kind accepts, after its own.
    public static let commonFields: [FieldSpec] = [
        FieldSpec("description", .string, "What this node is for; shown in the UI and as the input's prompt."),
        FieldSpec(
            "on_error", .oneOf(["fail", "route", "retry"]),
            "What a failure does: stop what depends on it (`fail`, the default), emit `{message, node}` on the `error` port (`route`), or try again with backoff (`retry`)."
        ),
        FieldSpec(
            "retries", .integer,
            range: FieldRange(0, 10, why: "more would repeat a failing call for hours with backoff"),
            "Attempts after the first when `on_error: retry` (default 2)."),
        FieldSpec(
            "backoff", .number, range: FieldRange(0, 600),
            "Seconds before the first retry, doubled each time with jitter (default 0.5)."),
    ]

    /// Every field this kind accepts, in canonical order: `kind`, its own, then the common ones.
    public var allFields: [FieldSpec] { fields + Self.commonFields }

    public func field(_ name: String) -> FieldSpec? { allFields.first { $0.name == name } }
}

public struct FieldSpec: Sendable, Hashable {
    public enum FieldType: Sendable, Hashable {
        case string
        /// Multi-line text; saved as a YAML block scalar. `template: true` makes placeholders ports.
        case text(template: Bool)
        case number, integer, boolean
        case stringList
        case portType
        case oneOf([String])
        case json
        /// A list of `{port, when}` objects (switch cases).
        case cases
        /// A list of `{role, content}` chat messages whose contents are templates.
        case messages
        /// A path to a sub-graph file, relative to this graph's file.
        case graphPath
    }

    public var name: String
    public var type: FieldType
    public var required: Bool
    public var doc: String
    /// For numeric fields: the values accepted (validation refuses others, docs list it).
    public var range: FieldRange?

    public init(_ name: String, _ type: FieldType, required: Bool = false, range: FieldRange? = nil, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.range = range
        self.doc = doc
    }

    public var isTemplate: Bool {
        switch type {
        case .text(let template): template
        case .messages: true
        default: false
        }
    }
}

public struct PortSpec: Sendable, Hashable {
    public var name: String
    public var type: PortType
    /// A node runs only once all its required inputs have values.
    public var required: Bool
    /// Accepts several wires (merge's `values`); every other input takes one.
    public var multiple: Bool
    public var doc: String

    public init(
        _ name: String, _ type: PortType = .any, required: Bool = true, multiple: Bool = false, _ doc: String = ""
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.multiple = multiple
        self.doc = doc
    }
}
