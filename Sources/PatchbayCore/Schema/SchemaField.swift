import Foundation
import Yams

/// The `schema:` field of an llm node: a schema written inline, or `{$ref: FILE}` naming a
/// `.json` / `.yaml` schema file relative to the graph's folder. Validation and the executor load
/// it by the same rules, the ones `graph:` paths follow: a file outside the project folder is
/// read only for a trusted graph.
public enum SchemaField {
    /// Schema files are written by hand; anything bigger is a mistake (or hostile).
    static let maxFileBytes = 1 << 20

    /// The file a `{$ref: FILE}` names as written; nil for an inline schema (a `#/$defs/…` ref is
    /// part of an inline schema).
    public static func reference(_ value: JSONValue) -> String? {
        guard let fields = value.objectValue, fields.count == 1, let ref = fields["$ref"]?.stringValue,
            !ref.hasPrefix("#")
        else { return nil }
        return ref
    }

    /// The schema the field stands for. `trusted`: whether the graph at `graphPath` is.
    public static func load(_ value: JSONValue, graphPath: String?, trusted: Bool) throws(SchemaFieldError)
        -> JSONSchema
    {
        guard let written = reference(value) else {
            do { return try JSONSchema(value) } catch { throw SchemaFieldError(kind: .field, problem: error) }
        }
        let path = GraphLoader.join(folder: graphPath.map(GraphLoader.folder(of:)), written)
        let absolute = GraphLoader.absolutePath(path)
        if !trusted {
            let target = ProjectPath(
                absolute, root: ProjectFolder.containing(GraphLoader.absolutePath(graphPath ?? "<unsaved>")))
            if !target.isInside {
                throw SchemaFieldError(
                    kind: .trust, file: written,
                    message:
                        "schema file `\(written)` resolves to \(target.path), outside the project folder \(target.rootPath); only a trusted graph may read schemas from outside its project: copy the file into the project, or trust the graph",
                    hint: .trustGraph(path: graphPath, subgraphs: false))
            }
        }
        let lower = absolute.lowercased()
        guard [".json", ".yaml", ".yml"].contains(where: lower.hasSuffix) else {
            throw SchemaFieldError(
                kind: .reference, file: written,
                message: "schema file `\(written)` is not a .json, .yaml or .yml file; it was not read",
                hint: "name a schema file such as `person.schema.json` in `$ref`")
        }
        let text: String
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: absolute))
            defer { try? handle.close() }
            guard case .complete(let data) = try BoundedRead.read(handle, limit: maxFileBytes) else {
                throw SchemaFieldError(
                    kind: .file, file: written, message: "schema file `\(written)` is larger than 1 MiB",
                    hint: "a schema this big is a mistake; keep schema files small")
            }
            text = String(decoding: data, as: UTF8.self)
        } catch let error as SchemaFieldError {
            throw error
        } catch {
            throw SchemaFieldError(
                kind: .reference, file: written,
                message: "schema file `\(written)` not found (looked for \(absolute))",
                hint: .text(
                    "create that file, or fix `$ref` (paths are relative to \(GraphLoader.folder(of: GraphLoader.absolutePath(graphPath ?? "<unsaved>"))))"
                ))
        }
        let json: JSONValue
        do {
            guard
                let root = try YAMLComposer(
                    language: lower.hasSuffix(".json") ? "JSON" : "YAML", document: "a schema file"
                )
                .compose(text).root
            else {
                throw SchemaFieldError(
                    kind: .syntax, file: written,
                    message: "schema file `\(written)`: \(YAMLComposer.emptyMessage(text))",
                    hint: "write a JSON Schema object in it")
            }
            json = Self.json(root)
        } catch let error as SchemaFieldError {
            throw error
        } catch {
            throw SchemaFieldError(
                kind: .syntax, file: written, message: "schema file `\(written)`: \(error)",
                hint: "fix the file's syntax")
        }
        do { return try JSONSchema(json) } catch {
            throw SchemaFieldError(kind: .field, file: written, problem: error)
        }
    }

    /// A composed YAML (or JSON) tree as a value, scalars read as graph files read them.
    static func json(_ node: Yams.Node) -> JSONValue {
        switch node {
        case .scalar(let scalar): YAMLScalar.value(of: scalar)
        case .sequence(let items): .array(items.map(json))
        case .mapping(let mapping):
            .object(Dictionary(mapping.map { ($0.key.string ?? "", json($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case .alias: .null
        }
    }
}

/// Why a `schema:` field cannot be used: its kind (as diagnostics classify), the file when it is
/// a `$ref`, and for a problem in the schema itself, where in it.
public struct SchemaFieldError: Error, Sendable, CustomStringConvertible {
    public var kind: Diagnostic.Kind
    /// The `$ref` as written, when the schema comes from a file.
    public var file: String?
    public var message: String
    public var hint: Hint
    /// For a schema problem: the keys inside the schema (inline: inside the field's value).
    public var problem: SchemaProblem?

    init(kind: Diagnostic.Kind, file: String? = nil, message: String, hint: Hint) {
        self.kind = kind
        self.file = file
        self.message = message
        self.hint = hint
    }

    init(kind: Diagnostic.Kind, file: String? = nil, problem: SchemaProblem) {
        self.kind = kind
        self.file = file
        self.problem = problem
        self.message = (file.map { "schema file `\($0)`" } ?? "schema") + " " + problem.description
        self.hint = "use the JSON Schema keywords listed for `schema` in docs/nodes.md (llm)"
    }

    public var description: String { message }
}
