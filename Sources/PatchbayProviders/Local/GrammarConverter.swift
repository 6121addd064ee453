import Foundation
import PatchbayCore
import Synchronization

/// JSON Schema → GBNF through llama.cpp's own converter (`llama_cpp.llama_grammar.
/// json_schema_to_gbnf`) in the local model's venv, so the grammar is exactly what llama.cpp
/// means by the schema and Patchbay keeps no converter of its own. One short Python run per
/// distinct schema (about 0.2 s), remembered for the life of the process.
final class GrammarConverter: Sendable {
    let python: URL
    private let cache = Mutex<[String: String]>([:])

    init(python: URL) { self.python = python }

    static let script = """
        import json, sys
        from llama_cpp.llama_grammar import json_schema_to_gbnf
        sys.stdout.write(json_schema_to_gbnf(sys.argv[1], json.loads(sys.argv[2])))
        """

    /// The grammar for `schema`. Properties are ordered as `propertyOrder` lists them (the
    /// model writes them in that order), the rest alphabetically.
    func grammar(for schema: JSONSchema) async throws -> String {
        let text = Self.prepared(schema.json).compactJSON
        let order = JSONValue.array(schema.propertyOrder.map(JSONValue.string)).compactJSON
        let key = text + "\u{0}" + order
        if let known = cache.withLock({ $0[key] }) { return known }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw ModelError(
                "cannot turn `schema` into a grammar: llama.cpp's Python (\(python.path)) is not installed",
                hint: "run `\(LocalModelPaths.installCommand)`, or set `constrain = \"none\"` on the alias")
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-gbnf-\(UUID().uuidString)")
        let errors = output.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let out = try FileHandle(forWritingTo: output)
        let err = try FileHandle(forWritingTo: errors)
        let process: ChildProcess
        do {
            defer {
                try? out.close()
                try? err.close()
            }
            process = try ChildProcess(
                executable: python.path, arguments: ["-c", Self.script, text, order], stdout: out.fileDescriptor,
                stderr: err.fileDescriptor)
        }
        let status = await process.waitForExit(within: .seconds(30))
        if status == nil { await process.stop() }
        let grammar = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0, !grammar.isEmpty else {
            let why = ((try? String(contentsOf: errors, encoding: .utf8)) ?? "").split(separator: "\n").suffix(3)
                .joined(separator: "\n")
            throw ModelError(
                "llama.cpp could not turn `schema` into a grammar (status \(status.map(String.init) ?? "timed out")): \(TerminalText.escape(why))",
                hint: "simplify the schema, or set `constrain = \"none\"` on the alias to only validate answers")
        }
        let strict = Self.strictStrings(grammar)
        cache.withLock { $0[key] = strict }
        return strict
    }

    /// The schema as the converter handles it best: a list of types (`[string, null]`) becomes
    /// `anyOf` with one type each, since the converter drops the other keywords (`maxLength`…)
    /// of a schema with a type list but keeps them in each alternative.
    static func prepared(_ json: JSONValue) -> JSONValue {
        switch json {
        case .array(let items): return .array(items.map(prepared))
        case .object(var fields):
            for key in fields.keys where !["enum", "const", "required", "examples"].contains(key) {
                fields[key] = prepared(fields[key]!)
            }
            guard let types = fields["type"]?.arrayValue, types.count > 1 else { return .object(fields) }
            fields["type"] = nil
            var annotations: [String: JSONValue] = [:]
            for key in ["title", "description"] { annotations[key] = fields.removeValue(forKey: key) }
            let alternatives = types.map { type -> JSONValue in
                var one = fields
                one["type"] = type
                return .object(one)
            }
            return .object(annotations.merging(["anyOf": .array(alternatives)]) { a, _ in a })
        default: return json
        }
    }

    /// The converter's string characters allow raw control characters (a newline inside a
    /// string), which JSON forbids and every parser refuses; they are excluded, as newer llama.cpp
    /// converters do.
    static func strictStrings(_ grammar: String) -> String {
        grammar.replacingOccurrences(of: #"char ::= [^"\\] |"#, with: #"char ::= [^"\\\x7F\x00-\x1F] |"#)
    }
}
