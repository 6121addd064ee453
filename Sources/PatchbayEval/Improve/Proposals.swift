import PatchbayCore

/// The moves an `improve` search tries on the original graph, one at a time, in the order they
/// are listed, and the moves it cannot try with why. Only top-level `llm` nodes are changed.
struct Proposals {
    var moves: [ImproveMove] = []
    var notes: [String] = []

    init(session: ImproveSession, harvest: Harvest) {
        let options = session.options
        // Top-level llm nodes, then those of top-level nodes' sub-graphs (`attempts/ask`).
        var nodes = session.graph.nodes.filter { $0.kind == .llm }.map { ($0.id, $0) }
        for parent in session.graph.nodes {
            guard let sub = session.original.subgraphs[parent.id] else { continue }
            nodes += sub.graph.nodes.filter { $0.kind == .llm }.map { (parent.id + "/" + $0.id, $0) }
        }
        if nodes.isEmpty { notes.append("the graph has no llm node to change") }
        for (id, node) in nodes {
            if node.fields["examples"] != nil {
                notes.append("\(id): examples not drawn: it has examples already")
            } else {
                let pool = harvest.examples(of: id)
                addExamples(pool, node: id, labeled: false, options: options)
                // Too few passing runs to draw from: examples made from the cases' expected answers.
                if pool.count < 4 {
                    let labeled = id.contains("/") ? [] : Self.labeled(id, session: session, harvest: harvest)
                    addExamples(labeled, node: id, labeled: true, options: options)
                    if pool.isEmpty && labeled.isEmpty {
                        notes.append(
                            "\(id): examples not drawn: no train run passed, and no case's `equals` names what it answers"
                        )
                    }
                }
            }
            let temperature = node.fields["temperature"]?.doubleValue
            if node.fields["tools"] != nil {
                notes.append("\(id): voting not tried: it has tools")
            } else if let temperature, temperature > 0 {
                for n in options.sampleCounts { moves.append(ImproveMove(node: id, change: .samples(n))) }
            } else {
                notes.append(
                    "\(id): voting not tried: at temperature \(temperature.map { JSONValue.number($0).compactJSON } ?? "unset") samples would agree by construction"
                )
            }
            for t in options.temperatures where t != temperature {
                moves.append(ImproveMove(node: id, change: .temperature(t)))
            }
            let alias = node.fields["model"]?.stringValue ?? "default"
            for model in options.models where model != alias {
                moves.append(ImproveMove(node: id, change: .model(model)))
            }
            for offer in options.prompts where offer.node == id {
                moves.append(ImproveMove(node: id, change: .prompt(offer.text, source: offer.source)))
            }
            if node.fields["schema"] == nil {
                let answers = harvest.answers(of: id)
                if let schema = SchemaInference.schema(of: answers) {
                    moves.append(ImproveMove(node: id, change: .schema(schema)))
                } else if !answers.isEmpty {
                    notes.append("\(id): schema not tried: the parsed answers have no one shape")
                }
            }
        }
        if nodes.allSatisfy({ harvest.answers(of: $0.0).isEmpty && $0.1.fields["schema"] == nil }), !nodes.isEmpty {
            notes.append("schema not tried: no llm node's answer is parsed by a parse-json node in a passing train run")
        }
        if let kinds = options.kinds {
            let left = moves.filter { !kinds.contains($0.kind) }.map(\.kind)
            moves.removeAll { !kinds.contains($0.kind) }
            for kind in ImproveMove.kinds where left.contains(kind) { notes.append("\(kind): not among --moves") }
        }
        let unknown = options.prompts.filter { offer in !nodes.contains { $0.0 == offer.node } }
        for offer in unknown { notes.append("--try \(offer.node).prompt: no llm node `\(offer.node)`") }
    }

    private mutating func addExamples(_ pool: [JSONValue], node id: String, labeled: Bool, options: ImproveOptions) {
        var seen: Set<[JSONValue]> = []
        for count in options.exampleCounts where count <= pool.count {
            for draw in 0..<(count == pool.count ? 1 : max(1, options.draws)) {
                let salt = UInt64(count * 1_000 + draw + (labeled ? 500 : 0))
                var generator = SplitMix64(seed: options.seed &+ Self.hash(id) &+ salt)
                let picked = Array(pool.shuffled(using: &generator).prefix(count))
                guard seen.insert(picked).inserted else { continue }
                moves.append(ImproveMove(node: id, change: .examples(picked, draw: draw, labeled: labeled)))
            }
        }
    }

    /// Examples from train cases that expect a value (`equals`) on an output the node's text
    /// reaches through jq and parse-json nodes only: its inputs in that case's run, and the value.
    static func labeled(_ node: String, session: ImproveSession, harvest: Harvest) -> [JSONValue] {
        let graph = session.graph
        let outputs = graph.nodes.filter { $0.kind == .output }.map(\.id)
        var pool: [JSONValue] = []
        for evalCase in session.split.train {
            guard let inputs = harvest.inputs(of: node, case: evalCase.id) else { continue }
            for expectation in evalCase.expectations {
                guard case .equals(let value) = expectation.test,
                    let output = expectation.output ?? (outputs.count == 1 ? outputs[0] : nil),
                    reaches(node, output, in: graph)
                else { continue }
                let example: JSONValue = ["inputs": .object(inputs), "output": .string(value.plainText)]
                if !pool.contains(example) { pool.append(example) }
                break
            }
        }
        return pool
    }

    /// Whether `node`'s `text` reaches output node `output` through jq and parse-json nodes.
    static func reaches(_ node: String, _ output: String, in graph: Graph) -> Bool {
        var current = output
        var seen: Set<String> = []
        while seen.insert(current).inserted, let wire = graph.wires.first(where: { $0.to.node == current }) {
            if wire.from.node == node { return wire.from.port == "text" }
            guard let kind = graph[wire.from.node]?.kind, kind == .jq || kind == .parseJSON else { return false }
            current = wire.from.node
        }
        return false
    }

    /// FNV-1a: the same on every machine, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
