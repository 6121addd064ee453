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

    /// A run observer for `graph`'s runs.
    func take(_ graph: Graph) -> @Sendable (SampleResult, RunResult) -> Void {
        // parse-json nodes fed by an llm node's text: node id → the llm node.
        var parsers: [String: String] = [:]
        for wire in graph.wires where wire.from.port == "text" {
            if graph[wire.from.node]?.kind == .llm, graph[wire.to.node]?.kind == .parseJSON {
                parsers[wire.to.node] = wire.from.node
            }
        }
        // An example gives the inputs its prompt uses, no more (a system prompt's are not its).
        var ports: [String: Set<String>] = [:]
        for node in graph.nodes where node.kind == .llm {
            ports[node.id] = Set((node.fields["prompt"]?.stringValue).flatMap { try? PromptTemplate($0).ports } ?? [])
        }
        return { [parsers, ports] verdict, run in
            for step in run.steps where step.kind == .llm && step.path.components.count == 1 {
                let used = step.inputs.filter { ports[step.nodeID]?.contains($0.key) == true }
                self.lock.withLock { self.inputs[step.nodeID, default: [:]][verdict.caseID] = used }
            }
            guard verdict.passed else { return }
            for step in run.steps where step.path.components.count == 1 && step.error == nil {
                if step.kind == .llm, let text = step.outputs["text"]?.stringValue {
                    let example: JSONValue = [
                        "inputs": .object(step.inputs.filter { ports[step.nodeID]?.contains($0.key) == true }),
                        "output": .string(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                    ]
                    self.lock.withLock {
                        if !(self.demonstrations[step.nodeID] ?? []).contains(example) {
                            self.demonstrations[step.nodeID, default: []].append(example)
                        }
                    }
                } else if step.kind == .parseJSON, let source = parsers[step.nodeID], let value = step.outputs["value"]
                {
                    self.lock.withLock { self.parsed[source, default: []].append(value) }
                }
            }
        }
    }
}
