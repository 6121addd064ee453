import PatchbayCore

/// The lists and forms the workbench asks with, built from the graph and the kind catalogue.
extension ChoiceList {
    public static func kinds(title: String) -> ChoiceList {
        ChoiceList(
            title: title,
            items: KindSpec.all.map { ChoiceItem(id: $0.kind.rawValue, title: $0.kind.rawValue, detail: $0.summary) })
    }

    public static func fields(of node: Node) -> ChoiceList {
        let specs = node.kind.flatMap { KindSpec.catalogue[$0] }?.allFields ?? []
        let items = specs.map { field in
            ChoiceItem(
                id: field.name, title: field.name,
                detail: node[field.name].map { FieldText.text(of: $0) }.map { String($0.prefix(40)) } ?? field.doc)
        }
        return ChoiceList(title: "Edit a field of `\(node.id)`", items: items)
    }

    public static func ports(_ ports: [PortSpec], title: String) -> ChoiceList {
        ChoiceList(title: title, items: ports.map { ChoiceItem(id: $0.name, title: $0.name, detail: $0.type.rawValue) })
    }

    /// Input ports, as `node.port` ids.
    public static func targets(_ targets: [(PortRef, PortSpec)], title: String) -> ChoiceList {
        ChoiceList(
            title: title,
            items: targets.map { ref, spec in
                ChoiceItem(
                    id: "\(ref.node).\(ref.port ?? spec.name)", title: "\(ref.node).\(ref.port ?? spec.name)",
                    detail: spec.type.rawValue + (spec.required ? "" : ", optional"))
            })
    }

    /// Wires, with their text (`a.x -> b.y`) as ids.
    public static func wires(_ wires: [Wire], title: String) -> ChoiceList {
        ChoiceList(title: title, items: wires.map { ChoiceItem(id: $0.description, title: $0.description) })
    }
}

extension FormModel {
    /// The graph inputs form: one field per `input` node, prefilled, required when it has no default.
    public static func inputs(_ nodes: [Node], values: [String: JSONValue]) -> FormModel {
        let fields = nodes.map { node in
            let type = node["type"]?.stringValue ?? "any"
            let text =
                values[node.id].map { type == "string" ? ($0.stringValue ?? $0.compactJSON) : FieldText.text(of: $0) }
                ?? ""
            return FormField(
                name: node.id, label: node.id, typeHint: type, required: node["default"] == nil,
                multiline: text.contains("\n"), value: text)
        }
        // Enter in a multi-line field is a newline; then only C-s runs.
        let keys = fields.contains(where: \.multiline) ? "C-s runs" : "Enter runs"
        return FormModel(title: "Run inputs (\(keys), Esc cancels)", fields: fields)
    }

    /// Editing the pending inputs of a paused node, each as JSON.
    public static func values(_ values: [String: JSONValue], title: String) -> FormModel {
        FormModel(
            title: title,
            fields: values.keys.sorted().map { name in
                FormField(name: name, label: name, typeHint: "json", value: values[name]?.compactJSON ?? "")
            })
    }
}

extension Confirm {
    public static func changedOnDisk(file: String) -> Confirm {
        Confirm(
            title: "Changed on disk",
            message:
                "\(file) changed since it was read. Reload it (your edits are dropped), keep yours, or overwrite it?",
            options: [
                ConfirmOption(key: "r", label: "reload", id: "reload"),
                ConfirmOption(key: "k", label: "keep", id: "keep"),
                ConfirmOption(key: "o", label: "overwrite", id: "overwrite"),
            ],
            selected: 1)
    }
}
