import Foundation

// Missing values: stock Mustache renders them as nothing. Top-level references are checked
// before rendering (they are the ports, so every one must resolve, dotted paths included);
// names inside sections can also come from the section's item, so those are caught while
// rendering, when a lookup falls through every scope to the root.
extension PromptTemplate {
    func checkTopLevelReferences(_ values: [String: JSONValue]) throws(PromptTemplateError) {
        for reference in references {
            let dotted = reference.path.joined(separator: ".")
            guard var current = values[reference.port] else {
                throw PromptTemplateError(
                    "template placeholder `\(dotted)` has no value: no input `\(reference.port)` was given",
                    placeholder: dotted)
            }
            for (depth, key) in reference.path.enumerated().dropFirst() {
                let parent = reference.path[..<depth].joined(separator: ".")
                guard case .object(let fields) = current else {
                    throw PromptTemplateError(
                        "template placeholder `\(dotted)` has no value: `\(parent)` is \(Self.article(current)), not an object",
                        placeholder: dotted)
                }
                guard let next = fields[key] else {
                    let known = fields.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                    throw PromptTemplateError(
                        "template placeholder `\(dotted)` has no value: `\(parent)` has no field `\(key)`"
                            + (known.isEmpty ? " (it is empty)" : " (it has \(known))"),
                        placeholder: dotted)
                }
                current = next
            }
        }
    }

    func checkSectionMisses(_ names: [String]) throws(PromptTemplateError) {
        // A missed name used only as a nested section is a legitimate "absent" condition.
        for name in names {
            guard let section = sectionVariables[name] else { continue }
            throw PromptTemplateError(
                "template placeholder `\(name)` inside `{{#\(section)}}` has no value: "
                    + "the section's item has no field `\(name)` and no input `\(name)` was given",
                placeholder: name)
        }
    }

    private static func article(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Variables (not sections) used inside a section: first path segment → innermost section.
    static func sectionVariables(in template: String) -> [String: String] {
        var result: [String: String] = [:]
        var sections: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            let triple = rest[open.upperBound...].first == "{"
            let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[nameStart...].range(of: "}}") else { break }
            var tag = rest[nameStart..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if triple, rest.first == "}" { rest = rest.dropFirst() }
            guard let sigil = tag.first else { continue }
            switch sigil {
            case "!", ">", "%", "=", "<", "$": continue
            case "#", "^": sections.append(name(String(tag.dropFirst())))
            case "/": _ = sections.popLast()
            default:
                if sigil == "&" { tag.removeFirst() }
                let variable = name(tag)
                guard let section = sections.last, !variable.isEmpty, !variable.hasPrefix(".") else { continue }
                let first = String(variable.prefix { $0 != "." })
                if result[first] == nil { result[first] = section }
            }
        }
        return result
    }

    /// The variable inside a transform call, `uppercased(name)` → `name`.
    private static func name(_ raw: String) -> String {
        var name = raw.trimmingCharacters(in: .whitespaces)
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
