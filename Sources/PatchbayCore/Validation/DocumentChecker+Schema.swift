/// `schema:` of llm nodes, loaded as a run would load it, each problem located where it can be
/// fixed: inside an inline schema at the offending keyword, else at the `$ref` naming the file.
extension DocumentChecker {
    mutating func checkSchemaField(_ node: Node) {
        guard let value = node.fields["schema"] else { return }
        do {
            _ = try SchemaField.load(value, graphPath: file, trusted: loader.trust.isTrusted(graphPath: file))
        } catch {
            let path: [ValueLocator.Step]
            if error.file != nil {
                path = [.key("$ref")]
            } else {
                path = (error.problem?.steps ?? []).map { step in
                    switch step {
                    case .key(let key): .key(key)
                    case .index(let index): .index(index)
                    }
                }
            }
            report(
                error.kind, "`schema` of llm node `\(node.id)`: \(error.message)", hint: error.hint, node: node.id,
                located: valueLocation(node: node.id, field: "schema", path: path))
        }
    }
}
