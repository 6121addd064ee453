/// Checks one graph file. `GraphValidator` runs one per file of the include tree and compiles the
/// jq programs they collect together.
///
/// Nodes and wires are indexed in dictionaries first so a 10,000-node graph checks in linear time.
struct DocumentChecker {
    let document: GraphDocument
    let loader: GraphLoader
    let knownModelAliases: Set<String>?
    /// The MCP servers config declares; when given, an `mcp` node naming another is an error.
    var knownToolServers: Set<String>?
    /// The caps a run would have: a `loop` whose `max` is above `loopPasses` is refused here.
    let limits: RunLimits

    var diagnostics: [Diagnostic] = []
    var jqUses: [JqUse] = []

    /// Node id → position in `graph.nodes` (the first, should the codec let a duplicate through).
    var nodeIndex: [String: Int] = [:]
    /// Each node's resolved ports; nil when they cannot be known (unknown kind, sub-graph that
    /// did not load), so wires touching it are not reported twice.
    var ports: [NodePorts?] = []
    /// Ports already reported on (e.g. a placeholder that is no valid port name): not reported
    /// again as unwired.
    var reportedPorts: Set<PortKey> = []
    /// Mustache parse results by template text (big generated graphs repeat templates).
    var templateProblems: [String: TemplateProblem?] = [:]
    /// Unknown node ids still to get a "did you mean": each guess compares with every id, so
    /// thousands of bad wires in a graph of thousands of nodes took minutes (5,000: 242 s).
    var nodeGuessesLeft = 100

    struct PortKey: Hashable {
        var node: Int
        var port: String
    }

    init(document: GraphDocument, loader: GraphLoader, knownModelAliases: Set<String>?, limits: RunLimits = RunLimits())
    {
        self.document = document
        self.loader = loader
        self.knownModelAliases = knownModelAliases
        self.limits = limits
    }

    var graph: Graph { document.graph }
    var file: String? { document.path }

    mutating func run() {
        checkFormatVersion()
        for (index, node) in graph.nodes.enumerated() where nodeIndex[node.id] == nil {
            nodeIndex[node.id] = index
        }
        ports.reserveCapacity(graph.nodes.count)
        for (index, node) in graph.nodes.enumerated() {
            ports.append(checkNode(node, index: index))
        }
        let wiring = checkWires()
        checkRequiredInputs(wiring)
        checkCycles(wiring)
    }

    // MARK: Reporting

    func location(node: String, field: String? = nil) -> SourceLocation? {
        document.sourceMap.location(node: node, field: field)
    }

    mutating func report(
        _ kind: Diagnostic.Kind, _ message: String, hint: Hint?, node: String? = nil, field: String? = nil,
        port: String? = nil,
        at element: SourceElement? = nil
    ) {
        var at: SourceLocation?
        if let element { at = document.sourceMap[element] }
        if at == nil, let node { at = location(node: node, field: field) }
        diagnostics.append(
            Diagnostic(.error, kind, message, hint: hint, file: file, location: at, node: node, port: port))
    }

    // MARK: Format version

    mutating func checkFormatVersion() {
        let version = graph.formatVersion
        guard version != 1 else { return }
        let hint =
            version > 1
            ? "this Patchbay reads format version 1; upgrade Patchbay to open this file"
            : "set `patchbay: 1` (the only format version so far)"
        report(
            .field, "unsupported format version `patchbay: \(version)`", hint: .text(hint), at: .topLevel("patchbay"))
    }

    // MARK: Nodes

    /// Checks a node's kind, fields and kind-specific rules; returns its ports (nil if unknowable).
    mutating func checkNode(_ node: Node, index: Int) -> NodePorts? {
        guard let kind = node.kind else {
            let suggestion = Suggestions.didYouMeanHint(node.kindName, in: NodeKind.allCases.map(\.rawValue))
            report(
                .field, "node `\(node.id)` has unknown kind `\(node.kindName)`",
                hint: suggestion ?? .text("known kinds: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))"),
                node: node.id, field: "kind")
            return nil
        }
        checkFields(node, kind: kind)
        checkTemplates(node, kind: kind, index: index)
        checkKindRules(node, kind: kind, index: index)
        checkLimits(node, kind: kind)

        guard kind.hasSubgraph else {
            return NodePorts.resolve(node) { _ in nil }
        }
        // The include tree reports a sub-graph that is missing, broken or includes itself.
        guard case .success(let sub) = loader.subgraph(of: node, in: document) else { return nil }
        checkSubgraphUse(node, kind: kind, sub: sub)
        return NodePorts.resolve(node) { _ in sub.graph }
    }
}
