import PatchbayCore

/// A diagnostic as data, for tools (the command line's JSON validation report): its severity,
/// kind and location as fields, the hint in a front end's words, and the names a `.didYouMean`
/// hint offers. Absent facts (no location, no node) are left out, as in the CLI's other JSON.
public enum DiagnosticJSON {
    public static func json(_ diagnostic: Diagnostic, hint voice: (Hint) -> String) -> JSONValue {
        var o: [String: JSONValue] = [
            "severity": .string(diagnostic.severity.rawValue),
            "kind": .string(diagnostic.kind.rawValue),
            "message": .string(diagnostic.message),
            "suggestions": .array((diagnostic.hint?.suggestions ?? []).map(JSONValue.string)),
        ]
        if let file = diagnostic.file { o["file"] = .string(file) }
        if let location = diagnostic.location {
            o["line"] = .number(Double(location.line))
            o["column"] = .number(Double(location.column))
        }
        if let node = diagnostic.node { o["node"] = .string(node) }
        if let port = diagnostic.port { o["port"] = .string(port) }
        if let hint = diagnostic.hint { o["hint"] = .string(voice(hint)) }
        return .object(o)
    }

    /// One checked file; `ok`: it passed (its diagnostics are warnings, if any).
    public static func file(_ path: String, ok: Bool, diagnostics: [Diagnostic], hint voice: (Hint) -> String)
        -> JSONValue
    {
        .object([
            "file": .string(path),
            "ok": .bool(ok),
            "diagnostics": .array(diagnostics.map { json($0, hint: voice) }),
        ])
    }
}
