/// `schema:` on an llm node: the schema is loaded once, when the plan is built, and the answer
/// is parsed and validated before the step succeeds, so `on_error` (retry, route) applies to an
/// answer of the wrong shape as to any other failure.
extension LLMExecutor {
    /// What `json` carries for an answer: parsed and checked against `schema`, or with `json:
    /// true` parsed; nil without either.
    func parsed(_ text: String, schema: JSONSchema?) throws -> JSONValue? {
        if let schema { return try conforming(text, to: schema) }
        guard base.jsonMode else { return nil }
        do { return try JSONExtraction.extract(from: text) } catch {
            throw NodeError(
                "model `\(alias)` did not answer with JSON: \(error)",
                hint: "retry with `on_error: retry`, or parse the text with a parse-json node")
        }
    }

    /// The answer parsed and checked against `schema`.
    func conforming(_ text: String, to schema: JSONSchema) throws -> JSONValue {
        let value: JSONValue
        do { value = try JSONExtraction.extract(from: text) } catch {
            throw NodeError(
                "model `\(alias)` did not answer with JSON for `schema`: \(error)",
                hint:
                    "retry with `on_error: retry`; a model whose alias does not constrain its answers (`patchbay models`) may need an example in the prompt"
            )
        }
        let violations = schema.validate(value)
        guard violations.isEmpty else {
            let shown = violations.prefix(3).map(\.description).joined(separator: "; ")
            let more = violations.count > 3 ? " (and \(violations.count - 3) more)" : ""
            throw NodeError(
                "the answer of model `\(alias)` does not match `schema`: \(shown)\(more)",
                hint: "retry with `on_error: retry`, or loosen the schema")
        }
        return value
    }
}

/// The schema of an llm node as the plan holds it. A `$ref` file outside the project is not read
/// while the plan is built (trust is known only when the run starts); it is read then, if the
/// graph is trusted.
struct LoadedSchema: Sendable {
    let field: JSONValue
    let graphPath: String?
    let loaded: JSONSchema?

    init(_ field: JSONValue, graphPath: String?) throws {
        self.field = field
        self.graphPath = graphPath
        do {
            loaded = try SchemaField.load(field, graphPath: graphPath, trusted: false)
        } catch  where error.kind == .trust {
            loaded = nil
        } catch {
            throw NodeError("`schema`: \(error.message)", hint: error.hint)
        }
    }

    /// The file's schema, for the cache key: the field itself only names the file.
    var cacheIdentity: JSONValue? { SchemaField.reference(field) != nil ? loaded?.json : nil }

    func resolve(trusted trust: GraphTrust) throws -> JSONSchema {
        if let loaded { return loaded }
        do {
            return try SchemaField.load(field, graphPath: graphPath, trusted: trust.isTrusted(graphPath: graphPath))
        } catch {
            throw NodeError("`schema`: \(error.message)", hint: error.hint)
        }
    }
}
