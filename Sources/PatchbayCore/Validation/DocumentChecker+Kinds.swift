import Foundation

/// Rules particular to one kind: llm prompts and models, switch cases, jq programs, checks,
/// and how map/loop use their sub-graph.
extension DocumentChecker {
    mutating func checkKindRules(_ node: Node, kind: NodeKind, index: Int) {
        switch kind {
        case .llm:
            checkLLM(node)
            checkSchemaField(node)
            checkTools(node)
            checkExamples(node)
            checkSamples(node)
        case .jq:
            collectJq(node, field: "jq")
            checkJqInputs(node, index: index)
        case .check:
            collectJq(node, field: "jq")
            checkCheck(node)
        case .switch:
            checkSwitch(node)
        case .loop:
            collectJq(node, field: "until")
        case .mcp:
            checkJqInputs(node, index: index)
            checkMCP(node)
        default:
            break
        }
    }

    // MARK: llm

    mutating func checkLLM(_ node: Node) {
        let hasPrompt = node.fields["prompt"] != nil
        let hasMessages = node.fields["messages"] != nil
        if !hasPrompt && !hasMessages {
            report(
                .field, "llm node `\(node.id)` has neither `prompt` nor `messages`",
                hint: "add `prompt:` with the text to send (each `{{placeholder}}` becomes an input), or `messages:`",
                node: node.id)
        } else if hasPrompt && hasMessages {
            report(
                .field, "llm node `\(node.id)` has both `prompt` and `messages`",
                hint: "keep one: `prompt` for a single user message, `messages` for a whole conversation",
                node: node.id, field: "messages")
        }
        if let aliases = knownModelAliases {
            let value = node.fields["model"]
            // A non-text model was reported with the fields.
            guard value == nil || value?.stringValue != nil else { return }
            let alias = value?.stringValue ?? "default"
            if !aliases.contains(alias) {
                let known =
                    aliases.isEmpty
                    ? "no aliases are defined yet" : "defined aliases: \(Suggestions.list(aliases.sorted()))"
                report(
                    .reference, "model alias `\(alias)` of node `\(node.id)` is not defined in any config",
                    hint: Suggestions.hint(
                        for: alias, in: aliases, also: "define it in the user or project config (\(known))"),
                    node: node.id, field: "model")
            }
        }
    }

    // MARK: jq, check

    /// Queues the program in `field` for compiling with every other program of the graph.
    mutating func collectJq(_ node: Node, field: String) {
        guard let program = node.fields[field]?.stringValue else { return }
        jqUses.append(
            JqUse(
                program: program, what: "`\(field)` of node `\(node.id)`", file: file,
                location: location(node: node.id, field: field), node: node.id))
    }

    /// The `inputs` of a jq or mcp node: valid port names, each once.
    mutating func checkJqInputs(_ node: Node, index: Int) {
        let kind = node.kind?.rawValue ?? "jq"
        guard let names = node.fields["inputs"]?.arrayValue?.compactMap(\.stringValue) else { return }
        var seen = Set<String>()
        for name in names {
            if !Self.isValidPortName(name) {
                reportedPorts.insert(PortKey(node: index, port: name))
                report(
                    .field, "input `\(name)` of \(kind) node `\(node.id)` is not a valid port name",
                    hint: "port names use letters, digits, `_` and `-` and start with a letter or `_`",
                    node: node.id, field: "inputs", port: name)
            } else if !seen.insert(name).inserted {
                report(
                    .field, "\(kind) node `\(node.id)` lists input `\(name)` twice", hint: "list each input once",
                    node: node.id, field: "inputs", port: name)
            }
        }
    }

    static let checkTests = ["contains", "icontains", "regex", "equals", "schema", "jq"]

    mutating func checkCheck(_ node: Node) {
        if !Self.checkTests.contains(where: { node.fields[$0] != nil }) {
            report(
                .field, "check node `\(node.id)` has no test",
                hint: "add at least one of \(Suggestions.list(Self.checkTests))", node: node.id)
        }
        if let schema = node.fields["schema"], let problem = SchemaCheck.problem(in: schema) {
            // At the offending key's value (`type: strng`), or its list item.
            var path = problem.keys.map(ValueLocator.Step.key)
            if let index = problem.typeIndex { path.append(.index(index)) }
            let at =
                problem.keys.isEmpty
                ? "" : " at `\(problem.keys.joined(separator: "."))\(problem.typeIndex.map { "[\($0)]" } ?? "")`"
            report(
                .field, "schema of check node `\(node.id)`\(at): \(problem.message)",
                hint: "fix the schema; it is JSON Schema with the keywords listed in docs/nodes.md (check)",
                node: node.id, located: valueLocation(node: node.id, field: "schema", path: path))
        }
        if let pattern = node.fields["regex"]?.stringValue {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                report(
                    .syntax, "regex of check node `\(node.id)` is not a valid regular expression: `\(pattern)`",
                    hint: "fix the pattern (ICU syntax; in YAML single quotes keep backslashes as written)",
                    node: node.id, field: "regex")
            }
        }
    }

    // MARK: switch

    mutating func checkSwitch(_ node: Node) {
        // Malformed cases were reported with the fields; check the well-formed ones.
        guard let cases = node.fields["cases"]?.arrayValue else { return }
        let hasDefault = node.fields["default"]?.boolValue != false
        var seen: [String: Int] = [:]
        for (offset, item) in cases.enumerated() {
            let number = offset + 1
            if let when = item["when"]?.stringValue {
                jqUses.append(
                    JqUse(
                        program: when, what: "`when` of case \(number) of node `\(node.id)`", file: file,
                        location: location(node: node.id, field: "cases"), node: node.id))
            }
            guard let port = item["port"]?.stringValue else { continue }
            if let first = seen[port] {
                report(
                    .field, "switch `\(node.id)` has two cases with port `\(port)` (cases \(first) and \(number))",
                    hint:
                        "give each case its own port; to send several conditions to one port, join them with `or` in one `when`",
                    node: node.id, field: "cases", port: port)
                continue
            }
            seen[port] = number
            if !Self.isValidPortName(port) {
                report(
                    .field, "case \(number) of switch `\(node.id)` has port `\(port)`, which is not a valid port name",
                    hint: "port names use letters, digits, `_` and `-` and start with a letter or `_`",
                    node: node.id, field: "cases", port: port)
            } else if port == "default" && hasDefault {
                report(
                    .field,
                    "case \(number) of switch `\(node.id)` uses port `default`, which the switch already has for unmatched values",
                    hint: "rename the case's port, or set `default: false`",
                    node: node.id, field: "cases", port: port)
            }
        }
    }

    // MARK: map, loop

    mutating func checkSubgraphUse(_ node: Node, kind: NodeKind, sub: GraphDocument) {
        switch kind {
        case .map: checkMapItem(node, sub: sub)
        case .loop: checkFeedback(node, sub: sub)
        default: break
        }
    }

    mutating func checkMapItem(_ node: Node, sub: GraphDocument) {
        let item = node.fields["item"]?.stringValue ?? "item"
        let inputs = sub.graph.inputPorts.map(\.name)
        guard !inputs.contains(item) else { return }
        let path = sub.path ?? "the sub-graph"
        let field = node.fields["item"] == nil ? "graph" : "item"
        let hint =
            inputs.isEmpty
            ? "add an input node `\(item): { kind: input }` to \(path)"
            : "add an input node `\(item)` to \(path), or set `item:` to one of its inputs: \(Suggestions.list(inputs))"
        report(
            .reference, "map node `\(node.id)` passes each item to input `\(item)`, but \(path) has no input `\(item)`",
            hint: .text(hint), node: node.id, field: field, port: item)
    }

    /// `feedback: {output: input}` names an output and an input of the loop's body. Checked here
    /// with everything else (the loop executor would refuse it only once the run started), each
    /// entry located at the name that is wrong.
    mutating func checkFeedback(_ node: Node, sub: GraphDocument) {
        guard let value = node.fields["feedback"] else { return }
        let path = sub.path ?? "the body"
        let inputs = sub.graph.inputPorts.map(\.name)
        let outputs = sub.graph.outputPorts.map(\.name)
        guard let pairs = value.objectValue else {
            report(
                .field,
                "`feedback` of loop `\(node.id)` must map body outputs to body inputs, not \(Self.describe(value))",
                hint:
                    "write `feedback: { OUTPUT: INPUT }`, e.g. `{ \(outputs.first ?? "revised"): \(inputs.first ?? "draft") }`",
                node: node.id, located: valueLocation(node: node.id, field: "feedback"))
            return
        }
        for output in pairs.keys.sorted() {
            // Read again only when there is something to report (see ValueLocator).
            let document = document
            let fieldAt = location(node: node.id, field: "feedback")
            let entry = { ValueLocator.find(document, node: node.id, field: "feedback", path: [.key(output)]) }
            var keyAt: SourceLocation? { entry()?.key ?? fieldAt }
            var valueAt: SourceLocation? { entry()?.value ?? fieldAt }
            if !outputs.contains(output) {
                report(
                    .reference,
                    "`feedback` of loop `\(node.id)` names output `\(output)`, but \(path) has no output `\(output)`",
                    hint: Suggestions.hint(
                        for: output, in: outputs, also: "the body's outputs: \(Suggestions.list(outputs))"),
                    node: node.id, port: output, located: keyAt)
            }
            guard let input = pairs[output]!.stringValue else {
                report(
                    .field,
                    "`feedback` entry `\(output)` of loop `\(node.id)` must name a body input, not \(Self.describe(pairs[output]!))",
                    hint: "write the input's name: one of \(Suggestions.list(inputs))",
                    node: node.id, port: output, located: valueAt)
                continue
            }
            if !inputs.contains(input) {
                report(
                    .reference,
                    "`feedback` of loop `\(node.id)` feeds `\(output)` into input `\(input)`, but \(path) has no input `\(input)`",
                    hint: Suggestions.hint(
                        for: input, in: inputs, also: "the body's inputs: \(Suggestions.list(inputs))"),
                    node: node.id, port: input, located: valueAt)
            }
        }
    }
}
