/// One problem found in a graph file, printed as `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var message: String
    /// What to do about it; printed on its own line.
    public var hint: Hint?
    public var file: String?
    public var location: SourceLocation?
    public var node: String?
    public var port: String?

    public init(
        _ severity: Severity = .error, _ message: String, hint: Hint? = nil, file: String? = nil,
        location: SourceLocation? = nil, node: String? = nil, port: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.hint = hint
        self.file = file
        self.location = location
        self.node = node
        self.port = port
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
