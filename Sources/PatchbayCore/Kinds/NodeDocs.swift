/// Text descriptions of kinds for `patchbay nodes` and docs/nodes.md, from the catalogue.
public enum NodeDocs {
    public static func describe(_ spec: KindSpec) -> String {
        var lines = ["## \(spec.kind.rawValue)", "", spec.summary, ""]
        lines.append("Fields:")
        for field in spec.fields {
            let range = field.range.map { ", \($0.text)" } ?? ""
            lines.append(
                "- `\(field.name)` (\(typeName(field.type))\(range)\(field.required ? ", required" : "")): \(field.doc)"
            )
        }
        if spec.fields.isEmpty { lines.append("- (none of its own)") }
        lines.append(
            "- common to every kind: "
                + KindSpec.commonFields.map { "`\($0.name)`" + ($0.range.map { " (\($0.text))" } ?? "") }.joined(
                    separator: ", "))
        lines.append("")
        lines.append("Inputs: " + ports(spec.inputs, derived: inputsNote(spec.kind)))
        lines.append("Outputs: " + ports(spec.outputs, derived: outputsNote(spec.kind)))
        lines += ["", "Example:", "", "```yaml", spec.example, "```"]
        return lines.joined(separator: "\n")
    }

    /// docs/nodes.md, whole.
    public static func reference() -> String {
        var parts = [
            "# Node reference",
            "",
            "Generated from the kind catalogue (`KindSpec.catalogue`); `patchbay nodes KIND` prints the same. "
                + "Template fields make each `{{placeholder}}` an input port. With `on_error: route` every kind gets an `error` output. "
                + "jq programs (in `jq`, `switch`, `check` and `loop`) cannot read the environment: `env` and `$ENV` are empty, so a graph "
                + "from elsewhere cannot copy API keys into a prompt. "
                + "A number outside the range written after its field's type (`temperature` from 0 to 2, `retries` from 0 to 10, …) is an error "
                + "that `validate` reports at the value; `temperature` above 1 is still refused by Anthropic when the run asks it.",
            "",
        ]
        parts += KindSpec.all.map { describe($0) + "\n" }
        return parts.joined(separator: "\n")
    }

    static func ports(_ ports: [PortSpec], derived: String?) -> String {
        var items = ports.map {
            "`\($0.name)` (\($0.type.rawValue)\($0.multiple ? ", many wires" : ""))"
                + ($0.doc.isEmpty ? "" : " \($0.doc)")
        }
        if let derived { items.append(derived) }
        return items.isEmpty ? "none" : items.joined(separator: "; ")
    }

    static func inputsNote(_ kind: NodeKind) -> String? {
        switch kind {
        case .template, .llm, .human, .readFile, .writeFile: "one per `{{placeholder}}` in its template fields"
        case .map: "plus the sub-graph's other inputs, given to every item"
        case .loop, .graph: "the sub-graph's inputs"
        case .jq: "or, with `inputs`, one port per name"
        case .mcp: "one port per name in `inputs`"
        default: nil
        }
    }

    static func outputsNote(_ kind: NodeKind) -> String? {
        switch kind {
        case .switch: "one per case `port`"
        case .loop, .graph: "the sub-graph's outputs"
        default: nil
        }
    }

    static func typeName(_ type: FieldSpec.FieldType) -> String {
        switch type {
        case .string: "string"
        case .text(let template): template ? "template text" : "text"
        case .number: "number"
        case .integer: "integer"
        case .boolean: "boolean"
        case .stringList: "list of strings"
        case .portType: "type"
        case .oneOf(let options): options.joined(separator: " | ")
        case .json: "JSON"
        case .cases: "list of {port, when}"
        case .messages: "list of {role, content}"
        case .graphPath: "graph file path"
        }
    }
}
