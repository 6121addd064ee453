import PatchbayCore

/// Builds graphs in code for engine tests: `graph([node("a", .input)], ["a -> b.x"])`.
public func node(_ id: String, _ kind: NodeKind, _ fields: [String: JSONValue] = [:]) -> Node {
    Node(id: id, kind: kind, fields: fields)
}

public func graph(_ nodes: [Node], _ wires: [String]) -> Graph {
    Graph(title: "test", nodes: nodes, wires: wires.map { Wire(parsing: $0)! })
}

/// Sub-graphs by file name, for graphs built in memory.
public struct MemoryResolver: SubgraphResolver {
    public var graphs: [String: Graph]

    public init(_ graphs: [String: Graph]) { self.graphs = graphs }

    public func subgraph(for node: Node, in path: String?) throws -> (graph: Graph, path: String) {
        let name = node["graph"]?.stringValue ?? ""
        guard let graph = graphs[name] else { throw NodeError("no sub-graph `\(name)`") }
        return (graph, name)
    }
}

/// Runs a graph built in memory with the given model and returns the result.
public func runGraph(
    _ graph: Graph, inputs: [String: JSONValue] = [:], models: any ModelProvider = UnconfiguredModelProvider(),
    subgraphs: [String: Graph] = [:], cache: (any StepCache)? = MemoryStepCache(), options: RunOptions = RunOptions()
) async throws -> RunResult {
    let plan = try ExecutionPlan.build(graph, path: "test.graph.yaml", resolver: MemoryResolver(subgraphs))
    let engine = Engine(environment: EngineEnvironment(models: models, cache: cache))
    return try await engine.run(plan, inputs: inputs, options: options)
}
