import Foundation

/// Rules particular to one kind: llm prompts and models, switch cases, jq programs, checks,
/// and how map/loop use their sub-graph.
extension DocumentChecker {
    mutating func checkKindRules(_ node: Node, kind: NodeKind, index: Int) {
        switch kind {
        case .llm:
            checkLLM(node)
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
            checkAtLeastOne(node, field: "max")
        case .map:
            checkAtLeastOne(node, field: "concurrency")
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
                "llm node `\(node.id)` has neither `prompt` nor `messages`",
                hint: "add `prompt:` with the text to send (each `{{placeholder}}` becomes an input), or `messages:`",
                node: node.id)
        } else if hasPrompt && hasMessages {
            report(
                "llm node `\(node.id)` has both `prompt` and `messages`",
                hint: "keep one: `prompt` for a single user message, `messages` for a whole conversation",
                node: node.id, field: "messages")
        }
        if let aliases = knownModelAliases {
            let value = node.fields["model"]
            // A non-text model was reported with the fields.
            guard value == nil || value?.stringValue != nil else { return }
            let alias = value?.stringValue ?? "default"
            if !aliases.contains(alias) {
                let suggestion = Suggestions.didYouMean(alias, in: aliases).map { "\($0) " } ?? ""
                let known = aliases.isEmpty ? "no aliases are defined yet" : "defined aliases: \(Suggestions.list(aliases.sorted()))"
                report(
                    "model alias `\(alias)` of node `\(node.id)` is not defined in any config",
                    hint: suggestion + "define it in the user or project config (\(known))",
                    node: node.id, field: "model")
            }
        }
    }

    // MARK: jq, check

    /// Queues the program in `field` for compiling with every other program of the graph.
    mutating func collectJq(_ node: Node, field: String) {
        guard let program = node.fields[field]?.stringValue else { return }
        jqUses.append(JqUse(
            program: program, what: "`\(field)` of node `\(node.id)`", file: file,
            location: location(node: node.id, field: field), node: node.id))
    }

    mutating func checkJqInputs(_ node: Node, index: Int) {
        guard let names = node.fields["inputs"]?.arrayValue?.compactMap(\.stringValue) else { return }
        var seen = Set<String>()
        for name in names {
            if !Self.isValidPortName(name) {
                reportedPorts.insert(PortKey(node: index, port: name))
                report(
                    "input `\(name)` of jq node `\(node.id)` is not a valid port name",
                    hint: "port names use letters, digits, `_` and `-` and start with a letter or `_`",
                    node: node.id, field: "inputs", port: name)
            } else if !seen.insert(name).inserted {
                report(
                    "jq node `\(node.id)` lists input `\(name)` twice", hint: "list each input once",
                    node: node.id, field: "inputs", port: name)
            }
        }
    }

    static let checkTests = ["contains", "icontains", "regex", "equals", "schema", "jq"]

    mutating func checkCheck(_ node: Node) {
        if !Self.checkTests.contains(where: { node.fields[$0] != nil }) {
            report(
                "check node `\(node.id)` has no test",
                hint: "add at least one of \(Suggestions.list(Self.checkTests))", node: node.id)
        }
        if let pattern = node.fields["regex"]?.stringValue {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                report(
                    "regex of check node `\(node.id)` is not a valid regular expression: `\(pattern)`",
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
                jqUses.append(JqUse(
                    program: when, what: "`when` of case \(number) of node `\(node.id)`", file: file,
                    location: location(node: node.id, field: "cases"), node: node.id))
            }
            guard let port = item["port"]?.stringValue else { continue }
            if let first = seen[port] {
                report(
                    "switch `\(node.id)` has two cases with port `\(port)` (cases \(first) and \(number))",
                    hint: "give each case its own port; to send several conditions to one port, join them with `or` in one `when`",
                    node: node.id, field: "cases", port: port)
                continue
            }
            seen[port] = number
            if !Self.isValidPortName(port) {
                report(
                    "case \(number) of switch `\(node.id)` has port `\(port)`, which is not a valid port name",
                    hint: "port names use letters, digits, `_` and `-` and start with a letter or `_`",
                    node: node.id, field: "cases", port: port)
            } else if port == "default" && hasDefault {
                report(
                    "case \(number) of switch `\(node.id)` uses port `default`, which the switch already has for unmatched values",
                    hint: "rename the case's port, or set `default: false`",
                    node: node.id, field: "cases", port: port)
            }
        }
    }

    // MARK: map, loop

    mutating func checkAtLeastOne(_ node: Node, field: String) {
        guard let value = node.fields[field]?.intValue, value < 1 else { return }
        report(
            "`\(field)` of node `\(node.id)` is \(value); it must be at least 1",
            hint: "set `\(field):` to 1 or more", node: node.id, field: field)
    }

    mutating func checkSubgraphUse(_ node: Node, kind: NodeKind, sub: GraphDocument) {
        guard kind == .map else { return }
        let item = node.fields["item"]?.stringValue ?? "item"
        let inputs = sub.graph.inputPorts.map(\.name)
        guard !inputs.contains(item) else { return }
        let path = sub.path ?? "the sub-graph"
        let field = node.fields["item"] == nil ? "graph" : "item"
        let hint = inputs.isEmpty
            ? "add an input node `\(item): { kind: input }` to \(path)"
            : "add an input node `\(item)` to \(path), or set `item:` to one of its inputs: \(Suggestions.list(inputs))"
        report(
            "map node `\(node.id)` passes each item to input `\(item)`, but \(path) has no input `\(item)`",
            hint: hint, node: node.id, field: field, port: item)
    }
}
