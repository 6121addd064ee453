import Foundation
import PatchbayCore

/// What passing train runs of the original graph did, gathered as they finish: each top-level
/// `llm` node's inputs and answer (the examples to draw from), and the JSON its answer was
/// parsed into downstream (the shape an output schema would constrain it to); and of every train
/// run, each llm node's inputs (for examples made from the cases' expected answers).
final class Harvest: @unchecked Sendable {
    private let lock = NSLock()
    private var demonstrations: [String: [JSONValue]] = [:]
    private var parsed: [String: [JSONValue]] = [:]
    /// Each llm node's inputs in every train run, passing or not, by case id.
    private var inputs: [String: [String: [String: JSONValue]]] = [:]

    func examples(of node: String) -> [JSONValue] { lock.withLock { demonstrations[node] ?? [] } }
    func answers(of node: String) -> [JSONValue] { lock.withLock { parsed[node] ?? [] } }
    func inputs(of node: String, case id: String) -> [String: JSONValue]? { lock.withLock { inputs[node]?[id] } }

    /// A run observer for the candidate's runs. Nodes are named as moves name them: `classify`
    /// at the top, `attempts/ask` in a top-level node's sub-graph (every pass or item of it).
    func take(_ candidate: Candidate) -> @Sendable (SampleResult, RunResult) -> Void {
        var parsers: [String: String] = [:]  // parse-json node → the llm node whose text it parses
        var ports: [String: Set<String>] = [:]  // llm node → its prompt's inputs (an example gives no more)
        let graphs = [("", candidate.graph)] + candidate.subgraphs.map { ($0.key + "/", $0.value.graph) }
        for (prefix, graph) in graphs {
            for wire in graph.wires where wire.from.port == "text" {
                if graph[wire.from.node]?.kind == .llm, graph[wire.to.node]?.kind == .parseJSON {
                    parsers[prefix + wire.to.node] = prefix + wire.from.node
                }
            }
            for node in graph.nodes where node.kind == .llm {
                ports[prefix + node.id] = Set(
                    (node.fields["prompt"]?.stringValue).flatMap { try? PromptTemplate($0).ports } ?? [])
            }
        }
        return { [parsers, ports] verdict, run in
            for step in run.steps where step.kind == .llm {
                guard let used = ports[step.path.nodePath] else { continue }
                let inputs = step.inputs.filter { used.contains($0.key) }
                self.lock.withLock { self.inputs[step.path.nodePath, default: [:]][verdict.caseID] = inputs }
            }
            guard verdict.passed else { return }
            for step in run.steps where step.error == nil {
                let node = step.path.nodePath
                if step.kind == .llm, let used = ports[node], let text = step.outputs["text"]?.stringValue {
                    let example: JSONValue = [
                        "inputs": .object(step.inputs.filter { used.contains($0.key) }),
                        "output": .string(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                    ]
                    self.lock.withLock {
                        if !(self.demonstrations[node] ?? []).contains(example) {
                            self.demonstrations[node, default: []].append(example)
                        }
                    }
                } else if step.kind == .parseJSON, let source = parsers[node], let value = step.outputs["value"] {
                    self.lock.withLock { self.parsed[source, default: []].append(value) }
                }
            }
        }
    }
}
