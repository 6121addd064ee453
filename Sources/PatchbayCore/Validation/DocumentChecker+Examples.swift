/// `examples` and `samples` of llm nodes: each example is `{inputs, output}` giving every input
/// the prompt uses; samples do not go with tools.
extension DocumentChecker {
    mutating func checkExamples(_ node: Node) {
        guard let field = node.fields["examples"] else { return }
        guard let items = field.arrayValue else {
            report(
                .field, "`examples` of llm node `\(node.id)` must be a list, not \(field.typeName)",
                hint: "examples: [{ inputs: { review: \"…\" }, output: positive }]", node: node.id, field: "examples")
            return
        }
        guard let text = node.fields["prompt"]?.stringValue else {
            report(
                .field, "llm node `\(node.id)` has `examples` and no `prompt`; each example fills the prompt",
                hint: "write the task as `prompt:` with `{{placeholders}}` instead of `messages:`", node: node.id,
                field: "examples")
            return
        }
        let ports = (try? PromptTemplate(text))?.ports ?? []
        for (index, item) in items.enumerated() {
            let at = valueLocation(node: node.id, field: "examples", path: [.index(index)])
            guard let inputs = item["inputs"]?.objectValue, item["output"] != nil else {
                report(
                    .field, "example \(index + 1) of llm node `\(node.id)` needs `inputs` (an object) and `output`",
                    hint: "e.g. { inputs: { \(ports.first ?? "text"): \"…\" }, output: \"…\" }", node: node.id,
                    located: at)
                continue
            }
            let missing = ports.filter { inputs[$0] == nil }
            if !missing.isEmpty {
                report(
                    .field,
                    "example \(index + 1) of llm node `\(node.id)` has no \(missing.map { "`\($0)`" }.joined(separator: ", ")), which the prompt uses",
                    hint: "give each example every input of the prompt: \(Suggestions.list(ports))", node: node.id,
                    located: valueLocation(node: node.id, field: "examples", path: [.index(index), .key("inputs")]))
            }
            for name in inputs.keys.sorted() where !ports.contains(name) {
                report(
                    .field,
                    "example \(index + 1) of llm node `\(node.id)` gives `\(name)`, which the prompt does not use",
                    hint: Suggestions.hint(
                        for: name, in: ports, also: "the prompt's inputs: \(Suggestions.list(ports))"),
                    node: node.id,
                    located: valueLocation(
                        node: node.id, field: "examples", path: [.index(index), .key("inputs"), .key(name)]))
            }
        }
    }

    mutating func checkSamples(_ node: Node) {
        guard let samples = node.fields["samples"]?.intValue, samples > 1, node.fields["tools"] != nil else { return }
        report(
            .field, "llm node `\(node.id)` has `samples` and `tools`; they do not go together yet",
            hint: "keep one of them", node: node.id, field: "samples")
    }
}
