import ArgumentParser
import PatchbayCore

/// `--set NODE.FIELD=VALUE` (and `NODE.FIELD.KEY…=VALUE` inside an object field such as a check's
/// `schema`). An edit that cannot mean what it says (an unknown node or field, a key inside a
/// string or number, a value the field does not take) is a usage error with "did you mean": it
/// used to be a silent no-op, so a fork looked as if it had tried the change.
extension RerunCommand {
    /// Applies one edit to `graph`; throws a `ValidationError` (exit 2, usage) naming the edit.
    static func apply(_ edit: String, to graph: inout Graph) throws {
        func usage(_ message: String, hint: String? = nil) -> ValidationError {
            ValidationError("--set \(edit): \(message)" + (hint.map { "\n  hint: \($0)" } ?? ""))
        }
        guard let eq = edit.firstIndex(of: "="), let dot = edit[..<eq].firstIndex(of: ".") else {
            throw usage("expected NODE.FIELD=VALUE", hint: "like --set ask.temperature=0.2")
        }
        let id = String(edit[..<dot])
        let keys = edit[edit.index(after: dot)..<eq].split(separator: ".", omittingEmptySubsequences: false).map(
            String.init)
        let field = keys[0]
        let path = Array(keys.dropFirst())
        let raw = String(edit[edit.index(after: eq)...])
        guard !field.isEmpty, field != "kind" else { throw usage("name a field of the node (the kind cannot change)") }
        guard !path.contains("") else { throw usage("an empty key in `\(field).\(path.joined(separator: "."))`") }
        guard let i = graph.index(of: id) else {
            let ids = graph.nodes.map(\.id)
            throw usage("no node `\(id)` in the graph", hint: Self.hint(id, among: ids, listing: "its top-level nodes"))
        }
        let node = graph.nodes[i]
        if let kind = node.kind {
            guard let spec = kind.spec.field(field) else {
                let names = kind.spec.allFields.map(\.name)
                throw usage(
                    "node `\(id)` (\(kind.rawValue)) has no field `\(field)`",
                    hint: Self.hint(field, among: names, listing: "fields of \(kind.rawValue)"))
            }
            // Only a JSON field holds keys; any other field is set whole.
            if !path.isEmpty, spec.type != .json {
                throw usage(
                    "`\(id).\(field)` is \(Self.describe(node.fields[field], spec.type)): there is no `\(path[0])` inside it",
                    hint: "set the field whole: --set \(id).\(field)=VALUE")
            }
        }
        let value: JSONValue
        do { value = try CommandLineValue.parse(raw) } catch {
            throw usage(
                "the value is JSON that cannot be kept as written: \(error.reason)", hint: CommandLineValue.hint(error))
        }
        graph.nodes[i].fields[field] = try Self.setting(
            value, at: path[...], in: node.fields[field], trail: "\(id).\(field)"
        ) { scalar, key, trail in
            usage(
                "`\(trail)` is \(Self.describe(scalar, nil)): there is no `\(key)` inside it",
                hint: "set `\(trail)` whole: --set \(trail)=VALUE")
        }
    }

    /// `value` placed at `path` inside `current`, making objects for keys that are missing.
    private static func setting(
        _ value: JSONValue, at path: ArraySlice<String>, in current: JSONValue?, trail: String,
        intoScalar: (JSONValue, String, String) -> ValidationError
    ) throws -> JSONValue {
        guard let key = path.first else { return value }
        var object: [String: JSONValue]
        switch current {
        case nil: object = [:]
        case .object(let existing)?: object = existing
        case let scalar?: throw intoScalar(scalar, key, trail)
        }
        object[key] = try setting(
            value, at: path.dropFirst(), in: object[key], trail: trail + ".\(key)", intoScalar: intoScalar)
        return .object(object)
    }

    /// "did you mean `x`? its top-level nodes: `a`, `b` and `c`".
    static func hint(_ word: String, among names: [String], listing what: String) -> String {
        let suggestion = Suggestions.didYouMean(word, in: names).map { "\($0) " } ?? ""
        return suggestion + "\(what): \(Suggestions.list(names))"
    }

    /// What a value is (or, unset, what its field holds), for "there is nothing inside it".
    static func describe(_ value: JSONValue?, _ type: FieldSpec.FieldType?) -> String {
        switch value {
        case .string?: return "a string"
        case .number?: return "a number"
        case .bool?: return "a boolean"
        case .null?: return "null"
        case .array?: return "a list (set it whole)"
        case .object?: return "an object"
        case nil:
            switch type {
            case .number?, .integer?: return "a number field"
            case .boolean?: return "a boolean field"
            case .stringList?, .cases?, .messages?: return "a list field"
            default: return "a text field"
            }
        }
    }
}

extension RerunCommand {
    /// The edited nodes checked as `validate` checks them (types, ranges such as `retries`
    /// 0–10, model aliases, templates), so `--set ask.retries=-4` is refused instead of run. Only problems of
    /// edited nodes count: the rest of the graph ran (or validated) as it is.
    static func checkEdited(_ graph: Graph, path: String, edits: [String], aliases: Set<String>, loader: GraphLoader)
        throws
    {
        let edited = Set(edits.compactMap { $0.split(separator: ".", maxSplits: 1).first.map(String.init) })
        guard !edited.isEmpty else { return }
        let document = GraphDocument(
            graph: graph, path: path.isEmpty ? nil : path, fingerprint: FileFingerprint(text: ""))
        let problems = GraphValidator.validate(document, loader: loader, knownModelAliases: aliases).filter { problem in
            problem.severity == .error && problem.node.map(edited.contains) == true
        }
        guard !problems.isEmpty else { return }
        // Printed without a file position: the values are the command line's, not the file's.
        let lines = problems.map { problem in
            "\(problem.message)" + (problem.hint.map { "\n  hint: \($0)" } ?? "")
        }
        throw ValidationError("--set \(edits.joined(separator: " ")): " + lines.joined(separator: "\n"))
    }
}
