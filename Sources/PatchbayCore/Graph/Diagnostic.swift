/// One problem found in a graph file, printed as `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// What sort of problem it is, so a tool (or a person skimming a list) can act on it without
    /// reading the message. The raw values are stable: tools read them in the JSON diagnostics.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The file cannot be read at all: missing, a folder, unreadable.
        case file
        /// Text that does not parse: the file's YAML or JSON (or its encoding), a wire's
        /// `from.port -> to.port`, a jq program, a regular expression.
        case syntax
        /// A key or field that is unknown, missing, repeated or of the wrong type or value.
        case field
        /// A name that points at nothing: an unknown node, port, model alias or sub-graph file.
        case reference
        /// Wires that do not fit: types, direction, too many or none into a required input, cycles.
        case wire
        /// Something only a trusted graph may do.
        case trust
        /// More than a run limit or a graph limit allows.
        case limit
        /// A Mustache template that does not parse, or a placeholder that cannot be a port.
        case template
        /// Works, but reads badly (a warning): an id that can look like another.
        case style
        /// What this machine lacks for a run, found before it starts: a model alias's API key,
        /// the local model (see `RunReadiness`).
        case setup
    }

    public var severity: Severity
    public var kind: Kind
    public var message: String
    /// What to do about it; printed on its own line.
    public var hint: Hint?
    public var file: String?
    public var location: SourceLocation?
    public var node: String?
    public var port: String?

    public init(
        _ severity: Severity, _ kind: Kind, _ message: String, hint: Hint? = nil, file: String? = nil,
        location: SourceLocation? = nil, node: String? = nil, port: String? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.hint = hint
        self.file = file
        self.location = location
        self.node = node
        self.port = port
    }

    /// A `field` problem. Library code says its kind; this is for front ends and tests that
    /// wrap a problem they did not find themselves.
    public init(
        _ severity: Severity, _ message: String, hint: Hint? = nil, file: String? = nil,
        location: SourceLocation? = nil, node: String? = nil, port: String? = nil
    ) {
        self.init(severity, .field, message, hint: hint, file: file, location: location, node: node, port: port)
    }

    /// Escaped with `TerminalText`: the file name, ids and values quoted in the message come
    /// from the file, and print with their controls and invisible characters visible. The file
    /// name keeps no newline, so it can't start a line of its own.
    public var description: String { rendered(hint: \.description) }

    /// `file:line:column: error: message`, and the hint on its own line as `phrase` says it
    /// (each front end phrases typed hints its own way).
    public func rendered(hint phrase: (Hint) -> String) -> String {
        var place = TerminalText.escape(file ?? "<graph>", keepNewlines: false)
        if let location { place += ":\(location.line):\(location.column)" }
        var text = "\(place): \(severity.rawValue): \(TerminalText.escape(message))"
        if let hint { text += "\n  hint: \(TerminalText.escape(phrase(hint)))" }
        return text
    }
}

/// Thrown when a graph file cannot be used; carries every problem found, in file order.
public struct GraphFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { rendered(hint: \.description) }

    public func rendered(hint phrase: (Hint) -> String) -> String {
        diagnostics.map { $0.rendered(hint: phrase) }.joined(separator: "\n")
    }
}
