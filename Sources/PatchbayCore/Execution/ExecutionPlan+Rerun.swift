/// Re-running from a node inside a sub-graph (`each/shout`, as the workbench names a node of an
/// entered `map`, `loop` or `graph` node): only that node and what depends on it execute again,
/// so the steps before it in the body keep coming from the cache.
extension ExecutionPlan {
    /// What a re-run from `path` executes again, for `RunOptions.forceExecute`. A top-level id
    /// gives `downstream(of:)`. A node path inside a sub-graph gives the node and what depends on
    /// it in its body (`each/shout`, `each/out`), the same one level up for each enclosing node
    /// (`outer/after`), and the top-level nodes downstream of the enclosing top-level one; the
    /// enclosing nodes themselves run their bodies again but are not forced. Empty when `path`
    /// names no node.
    public func rerunSet(from path: String) -> Set<String> {
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let top = names.first, let i = index[top] else { return [] }
        guard names.count > 1 else { return downstream(of: top) }
        guard let body = nodes[i].executor.body else { return [] }
        let inner = body.rerunSet(from: names.dropFirst().joined(separator: "/"))
        guard !inner.isEmpty else { return [] }
        return downstream(of: top).subtracting([top]).union(inner.map { top + "/" + $0 })
    }

    /// Every path a re-run may start from, for the hint of one that names no node: the
    /// top-level ids, and after each `map`, `loop` or `graph` node the paths of its body's nodes
    /// (`each/shout`), nested ones too.
    public var rerunPaths: [String] {
        plan.flatMap { id -> [String] in
            guard let i = index[id], let body = nodes[i].executor.body else { return [id] }
            return [id] + body.rerunPaths.map { id + "/" + $0 }
        }
    }
}

extension RunOptions {
    /// Whether the step at `path` executes even when the cache holds its result: its top-level
    /// node, or a node path above it or its own (`each/shout` for `each[2]/shout/turn[1]`), is in
    /// `forceExecute`.
    func forcesExecution(of path: StepPath) -> Bool {
        guard !forceExecute.isEmpty else { return false }
        var prefix = ""
        for component in path.components {
            prefix += (prefix.isEmpty ? "" : "/") + component.node
            if forceExecute.contains(prefix) { return true }
        }
        return false
    }
}

extension NodeExecutor {
    /// The sub-graph a `map`, `loop` or `graph` node runs.
    var body: ExecutionPlan? {
        switch self {
        case let map as MapExecutor: map.plan
        case let loop as LoopExecutor: loop.plan
        case let graph as SubgraphExecutor: graph.plan
        default: nil
        }
    }
}
