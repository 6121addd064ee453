/// What a run of a graph would fail on that is known before it starts: a model alias that cannot
/// answer on this machine (unknown, its key not set, the local model not installed), a `command`
/// node in a file that is not trusted, an MCP server the graph may not start. Front ends ask it
/// before a run and refuse at once with the problems, instead of finding them a minute in (a
/// hosted alias without a key retried DNS for ~56 s offline).
///
/// It asks the model and tool providers the same questions their calls ask (`unavailability`,
/// `refusal`), and `command` nodes the question they ask as they run, so the words are theirs.
public enum RunReadiness {
    /// Every problem in `document` and the sub-graph files it reaches, one per alias (naming the
    /// nodes that use it) and one per refused node, in file order. `aliases` are more aliases the
    /// run needs beyond the graph's own (an eval's judges, improve's candidate models), each with
    /// where it was named. `only`: the top-level nodes that will execute, when a run re-runs some
    /// and reuses the rest (a re-run from a node); nil: all. Sub-graph files that cannot be read
    /// are validation's to report.
    public static func problems(
        _ document: GraphDocument, loader: GraphLoader, models: any ModelProvider, tools: (any ToolProvider)?,
        trust: GraphTrust, aliases: [(alias: String, namedBy: String)] = [], only: Set<String>? = nil
    ) -> [Diagnostic] {
        var uses: [String: [AliasUse]] = [:]
        var order: [String] = []
        var problems: [Diagnostic] = []
        func use(_ alias: String, _ site: AliasUse) {
            if uses[alias] == nil { order.append(alias) }
            uses[alias, default: []].append(site)
        }
        for (index, file) in files(document, loader: loader, only: only).enumerated() {
            for node in file.graph.nodes where index > 0 || only?.contains(node.id) != false {
                let located = file.sourceMap.location(node: node.id)
                switch node.kind {
                case .llm:
                    // A non-text `model` is validation's to report.
                    guard node["model"] == nil || node["model"]?.stringValue != nil else { break }
                    let alias = node["model"]?.stringValue ?? "default"
                    let field = node["model"] == nil ? nil : "model"
                    use(
                        alias,
                        AliasUse(
                            node: node.id, file: file.path,
                            location: file.sourceMap.location(node: node.id, field: field) ?? located))
                    for case .mcp(let server, _) in (try? ToolSource.parse(node["tools"])) ?? [] {
                        problems += refusal(of: server, node: node, in: file, tools: tools, trust: trust)
                    }
                case .command:
                    let argv = node["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    if let refusal = CommandExecutor.refusal(
                        node: node.id, argv: argv, graphPath: file.path, trust: trust)
                    {
                        problems.append(
                            Diagnostic(
                                .error, .trust, refusal.message, hint: refusal.hint, file: file.path,
                                location: located, node: node.id))
                    }
                case .mcp:
                    guard let server = node["server"]?.stringValue else { break }
                    problems += refusal(of: server, node: node, in: file, tools: tools, trust: trust)
                default:
                    break
                }
            }
        }
        for (alias, namedBy) in aliases { use(alias, AliasUse(namedBy: namedBy)) }
        for alias in order {
            guard let error = models.unavailability(alias: alias), let sites = uses[alias] else { continue }
            let first = sites[0]
            problems.append(
                Diagnostic(
                    .error, (try? models.resolve(alias: alias)) == nil ? .reference : .setup,
                    "\(AliasUse.names(sites)): \(error.message)"
                        + (error.message.contains("`\(alias)`") ? "" : " (model alias `\(alias)`)"),
                    hint: error.hint, file: first.file, location: first.location, node: first.node))
        }
        return problems
    }

    /// The root, then every sub-graph file the checked nodes reach, once each.
    private static func files(_ root: GraphDocument, loader: GraphLoader, only: Set<String>?) -> [GraphDocument] {
        guard let only else { return loader.tree(from: root).documents }
        var files = [root]
        var seen: Set<String> = []
        var next = 0
        while next < files.count {
            let file = files[next]
            for node in file.graph.nodes where node.kind?.hasSubgraph == true && (next > 0 || only.contains(node.id)) {
                guard case .success(let sub) = loader.subgraph(of: node, in: file),
                    seen.insert(GraphLoader.absolutePath(sub.path ?? "")).inserted
                else { continue }
                files.append(sub)
            }
            next += 1
        }
        return files
    }

    /// Whether the nodes of `document` that would start `server` may: one problem, or none.
    private static func refusal(
        of server: String, node: Node, in document: GraphDocument, tools: (any ToolProvider)?, trust: GraphTrust
    ) -> [Diagnostic] {
        let use = ToolUse(runID: "", graphPath: document.path, trusted: trust.isTrusted(graphPath: document.path))
        guard let tools, let error = tools.refusal(of: server, for: use) else { return [] }
        return [
            Diagnostic(
                .error, .trust, "node `\(node.id)`: \(error.message)", hint: error.hint, file: document.path,
                location: document.sourceMap.location(node: node.id), node: node.id)
        ]
    }

    /// Where an alias is used: a node of a file, or a front end's option (`--judge`).
    struct AliasUse {
        var node: String?
        var file: String?
        var location: SourceLocation?
        var namedBy: String?

        init(node: String, file: String?, location: SourceLocation?) {
            self.node = node
            self.file = file
            self.location = location
        }

        init(namedBy: String) { self.namedBy = namedBy }

        /// "node `ask`", "nodes `a`, `b` and 3 more", "--judge".
        static func names(_ sites: [AliasUse]) -> String {
            let nodes = sites.compactMap(\.node)
            let others = sites.compactMap(\.namedBy)
            var parts: [String] = []
            if nodes.count == 1 {
                parts.append("node `\(nodes[0])`")
            } else if !nodes.isEmpty {
                let shown = nodes.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                parts.append("nodes \(shown)" + (nodes.count > 3 ? " and \(nodes.count - 3) more" : ""))
            }
            parts += others
            return parts.joined(separator: " and ")
        }
    }
}
