import PatchbayCore

/// One rearrangement `improve` tries on one `llm` node: what it sets in the graph, and how it is
/// named in the report.
public struct ImproveMove: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        /// Few-shot examples drawn from passing train runs, or (`labeled`) made from train cases'
        /// expected answers; `draw` tells draws of one size apart.
        case examples([JSONValue], draw: Int, labeled: Bool)
        /// N samples with a majority vote.
        case samples(Int)
        case temperature(Double)
        /// Another model alias.
        case model(String)
        /// A prompt the person gave (`--try NODE.prompt=@FILE`); `source` names it.
        case prompt(String, source: String)
        /// An output schema inferred from what passing runs answered.
        case schema(JSONValue)
    }

    public var node: String
    public var change: Change

    public init(node: String, change: Change) {
        self.node = node
        self.change = change
    }

    /// Every kind of move, as `--moves` names them.
    public static let kinds = ["examples", "vote", "temperature", "model", "prompt", "schema"]

    /// The kind of move, for grouping and for the report's first column.
    public var kind: String {
        switch change {
        case .examples: "examples"
        case .samples: "vote"
        case .temperature: "temperature"
        case .model: "model"
        case .prompt: "prompt"
        case .schema: "schema"
        }
    }

    /// `classify: 4 examples (draw 2)`, `classify: 5 samples, majority vote`.
    public var label: String {
        let what: String
        switch change {
        case .examples(let items, let draw, let labeled):
            let noun = (labeled ? "labeled " : "") + (items.count == 1 ? "example" : "examples")
            what = "\(items.count) \(noun) (draw \(draw + 1))"
        case .samples(let n): what = "\(n) samples, majority vote"
        case .temperature(let t): what = "temperature \(JSONValue.number(t).compactJSON)"
        case .model(let alias): what = "model \(alias)"
        case .prompt(_, let source): what = "prompt from \(source)"
        case .schema: what = "output schema"
        }
        return "\(node): \(what)"
    }

    /// The candidate with this move made: on a top-level node (`classify`) or on a node of a
    /// top-level node's sub-graph (`attempts/ask`). The fields it sets replace what it had.
    public func apply(to candidate: Candidate) -> Candidate {
        var candidate = candidate
        let parts = node.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard var sub = candidate.subgraphs[parts[0]] else { return candidate }
            sub.graph = apply(to: sub.graph, node: parts[1])
            candidate.subgraphs[parts[0]] = sub
        } else {
            candidate.graph = apply(to: candidate.graph, node: node)
        }
        return candidate
    }

    private func apply(to graph: Graph, node: String) -> Graph {
        var graph = graph
        guard let index = graph.index(of: node) else { return graph }
        switch change {
        case .examples(let items, _, _): graph.nodes[index].fields["examples"] = .array(items)
        case .samples(let n):
            graph.nodes[index].fields["samples"] = .number(Double(n))
            graph.nodes[index].fields["vote"] = "majority"
        case .temperature(let t): graph.nodes[index].fields["temperature"] = .number(t)
        case .model(let alias): graph.nodes[index].fields["model"] = .string(alias)
        case .prompt(let text, _): graph.nodes[index].fields["prompt"] = .string(text)
        case .schema(let schema): graph.nodes[index].fields["schema"] = schema
        }
        return graph
    }
}
