import Foundation

/// Wires: both ends exist and point the right way, types fit, single inputs take one wire, and
/// required inputs have one.
extension DocumentChecker {
    /// What the wires connect, indexed for the later checks.
    struct Wiring {
        /// Wire indices into each input port.
        var incoming: [PortKey: [Int]] = [:]
        /// Node-level edges (by node index) for finding cycles, in wire order.
        var successors: [[Int]]
        /// The first wire of each node-level edge, to locate a cycle.
        var edgeWire: [Edge: Int] = [:]

        struct Edge: Hashable {
            var from: Int
            var to: Int
        }
    }

    /// Kinds whose first output is a routing choice, not an obvious default: a wire from them
    /// must name its port when they have several.
    static let kindsNeedingNamedOutput: Set<NodeKind> = [.switch, .check, .loop, .graph]

    mutating func checkWires() -> Wiring {
        checkNodeIDs()
        var wiring = Wiring(successors: Array(repeating: [], count: graph.nodes.count))
        for (index, wire) in graph.wires.enumerated() {
            let from = resolveEnd(wire.from, output: true, wire: wire, index: index)
            let to = resolveEnd(wire.to, output: false, wire: wire, index: index)
            if let fromNode = nodeIndex[wire.from.node], let toNode = nodeIndex[wire.to.node] {
                let edge = Wiring.Edge(from: fromNode, to: toNode)
                if wiring.edgeWire[edge] == nil {
                    wiring.edgeWire[edge] = index
                    wiring.successors[fromNode].append(toNode)
                }
            }
            // A wire with a bad source still occupies its input: no "not wired" on top.
            guard let to else { continue }
            wiring.incoming[PortKey(node: to.node, port: to.port.name), default: []].append(index)
            guard let from else { continue }
            if !from.port.type.fits(to.port.type) {
                let source = "\(wire.from.node).\(from.port.name)"
                let target = "\(wire.to.node).\(to.port.name)"
                report(
                    .wire,
                    "wire `\(wire)`: `\(source)` carries \(from.port.type.rawValue) but `\(target)` takes \(to.port.type.rawValue)",
                    hint: "convert the value on the way (e.g. a `jq` node), or change the declared `type`",
                    node: wire.to.node, port: to.port.name, at: .wire(index))
            }
        }
        checkSingleInputs(wiring)
        return wiring
    }

    /// The node and port a wire end means, or nil after reporting why it means none (or
    /// silently, when the node's ports cannot be known).
    mutating func resolveEnd(_ end: PortRef, output: Bool, wire: Wire, index: Int) -> (node: Int, port: PortSpec)? {
        let side = output ? "starts at" : "ends at"
        guard let nodeNumber = nodeIndex[end.node] else {
            // `my.node -> x` when a node is called `my.node`: its id is the problem (reported there).
            if let port = end.port, nodeIndex["\(end.node).\(port)"] != nil {
                report(
                    .reference,
                    "wire `\(wire)` \(side) `\(end)`, which it reads as port `\(port)` of a node `\(end.node)`; node `\(end)` cannot be wired because its id holds a dot",
                    hint:
                        "rename node `\(end)` (e.g. `\(Self.idSuggestion(for: end.description))`) and use the new id here",
                    node: end.node, port: end.port, at: .wire(index))
                return nil
            }
            let advice = "declare `\(end.node)` under `nodes:` or fix the wire"
            var hint = Hint.text(advice)
            if nodeGuessesLeft > 0 {
                nodeGuessesLeft -= 1
                hint = Suggestions.hint(for: end.node, in: graph.nodes.lazy.map(\.id), also: advice)
            }
            report(
                .reference, "wire `\(wire)` \(side) unknown node `\(end.node)`", hint: hint,
                node: end.node, port: end.port, at: .wire(index))
            return nil
        }
        guard let nodePorts = ports[nodeNumber] else { return nil }
        let node = graph.nodes[nodeNumber]
        let kindName = node.kindName
        let own = output ? nodePorts.outputs : nodePorts.inputs
        let other = output ? nodePorts.inputs : nodePorts.outputs
        let ownWord = output ? "output" : "input"

        guard let name = end.port else {
            if own.count == 1 || (output && !own.isEmpty && !Self.kindsNeedingNamedOutput.contains(node.kind!)) {
                return (nodeNumber, own[0])
            }
            if own.isEmpty {
                let why = node.kind == .input ? "; an input gets its value when the graph runs" : ""
                report(
                    .wire, "wire `\(wire)` \(side) `\(end.node)`, which has no \(ownWord) ports\(why)",
                    hint: output ? "wire from another node" : "wire into another node",
                    node: end.node, at: .wire(index))
            } else {
                report(
                    .wire,
                    "wire `\(wire)` \(side) `\(end.node)` without naming a port, and \(kindName) node `\(end.node)` has several \(ownWord)s",
                    hint: "name one: \(Suggestions.list(own.map { "\(end.node).\($0.name)" }))",
                    node: end.node, at: .wire(index))
            }
            return nil
        }
        if let port = own.first(where: { $0.name == name }) { return (nodeNumber, port) }

        let known =
            own.isEmpty ? "it has no \(ownWord) ports" : "its \(ownWord) ports: \(Suggestions.list(own.map(\.name)))"
        if other.contains(where: { $0.name == name }) {
            let wrongWord = output ? "input" : "output"
            report(
                .wire, "wire `\(wire)` \(side) `\(end)`, which is an \(wrongWord) port",
                hint: "wires run from an output to an input; \(known)",
                node: end.node, port: name, at: .wire(index))
        } else {
            report(
                .reference, "wire `\(wire)` \(side) unknown port `\(name)` of \(kindName) node `\(end.node)`",
                hint: Suggestions.hint(for: name, in: own.map(\.name), also: known), node: end.node, port: name,
                at: .wire(index))
        }
        return nil
    }

    /// Two wires into an input that takes one: name both.
    mutating func checkSingleInputs(_ wiring: Wiring) {
        for (key, wires) in wiring.incoming where wires.count > 1 {
            guard let spec = ports[key.node]?.input(key.port), !spec.multiple else { continue }
            let node = graph.nodes[key.node].id
            let listed = wires.map { index -> String in
                let line = document.sourceMap[.wire(index)].map { " (line \($0.line))" } ?? ""
                return "`\(graph.wires[index])`\(line)"
            }
            report(
                .wire,
                "input `\(node).\(key.port)` takes one wire but has \(wires.count): \(listed.joined(separator: ", "))",
                hint: "remove all but one, or join the branches with a `merge` node and wire that in",
                node: node, port: key.port, at: .wire(wires[1]))
        }
    }

    mutating func checkRequiredInputs(_ wiring: Wiring) {
        for (index, node) in graph.nodes.enumerated() {
            guard let nodePorts = ports[index] else { continue }
            for port in nodePorts.inputs where port.required {
                let key = PortKey(node: index, port: port.name)
                guard wiring.incoming[key] == nil, !reportedPorts.contains(key) else { continue }
                reportedPorts.insert(key)
                let target = nodePorts.inputs.count == 1 ? node.id : "\(node.id).\(port.name)"
                switch node.kind {
                case .output?:
                    report(
                        .wire, "output `\(node.id)` has nothing wired into it",
                        hint: "wire the result in, e.g. `SOURCE.PORT -> \(target)`, or remove the output",
                        node: node.id, port: port.name)
                case .merge?:
                    report(
                        .wire, "merge `\(node.id)` has nothing wired into it",
                        hint: "wire each branch into `\(node.id).values`, or remove the merge",
                        node: node.id, port: port.name)
                default:
                    // A node named like the port is the likely source.
                    let source =
                        nodeIndex[port.name].flatMap { ports[$0]?.outputs.count == 1 ? port.name : nil }
                        ?? "SOURCE.PORT"
                    report(
                        .wire, "required input `\(node.id).\(port.name)` is not wired",
                        hint: "add a wire such as `\(source) -> \(node.id).\(port.name)` under `wires:`",
                        node: node.id, port: port.name)
                }
            }
        }
    }
}

// MARK: Node ids

extension DocumentChecker {
    /// Ids a wire `node.port -> node.port` cannot name (a dot, whitespace, `->`, nothing at all)
    /// and ids holding control characters are errors at the id, not only at the wires that
    /// fail to reach them. Invisible and bidi characters make two ids look alike: a warning,
    /// since joiners (U+200C/U+200D) are part of spelling in some scripts.
    mutating func checkNodeIDs() {
        for (index, node) in graph.nodes.enumerated() {
            let id = node.id
            // Most ids are plain ASCII names: decided without looking further.
            if !id.isEmpty,
                id.utf8.allSatisfy({
                    $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                        || $0 == 0x2D
                }),
                !id.contains("->")
            {
                continue
            }
            var problems: [String] = []
            if id.isEmpty { problems.append("is empty") }
            if id.contains(".") { problems.append("holds a dot, which wires read as `node.port`") }
            if id.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                problems.append("holds whitespace, which ends a wire's node name")
            }
            if id.contains("->") { problems.append("holds `->`, which wires read as the arrow") }
            if let control = id.unicodeScalars.first(where: {
                TerminalText.isControl($0) && !$0.properties.isWhitespace
            }) {
                problems.append("holds the control character \(TerminalText.visible(control))")
            }
            let rename =
                "rename it, e.g. `\(TerminalText.escape(Self.idSuggestion(for: id), keepNewlines: false))`, and the wires that use it; ids use letters, digits, `_` and `-`"
            if !problems.isEmpty {
                let listed =
                    problems.count == 1
                    ? problems[0] : problems.dropLast().joined(separator: ", ") + " and " + problems.last!
                report(.field, "node id `\(id)` \(listed)", hint: .text(rename), node: id)
                // Its inputs are unwired because of the id: not reported again as missing wires.
                for port in ports[index]?.inputs ?? [] { reportedPorts.insert(PortKey(node: index, port: port.name)) }
            } else if let hidden = id.unicodeScalars.first(where: TerminalText.isInvisible) {
                diagnostics.append(
                    Diagnostic(
                        .warning, .style,
                        "node id `\(id)` holds the invisible character \(TerminalText.visible(hidden)), so it can look like another id",
                        hint: .text(rename), file: file, location: location(node: id), node: id))
            }
        }
    }

    /// `my node.v2` → `my_node_v2`: each character a wire can't name becomes `_`.
    static func idSuggestion(for id: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in id.replacingOccurrences(of: "->", with: "_").unicodeScalars {
            if TerminalText.isInvisible(scalar) { continue }
            if scalar == "." || scalar.properties.isWhitespace || TerminalText.isControl(scalar) {
                if out.last != "_" { out.append("_") }
            } else {
                out.append(scalar)
            }
        }
        let result = String(out)
        return result.isEmpty ? "node" : result
    }
}
