import Foundation

/// Loads a graph file and the sub-graph files its `map`, `loop` and `graph` nodes name, reading
/// each file once.
///
/// A node's `graph:` path is relative to the folder of the file that holds the node. Files are
/// cached by their standardized absolute path; a document keeps the path it was first reached by
/// (relative when the root was given relative), so diagnostics print short, clickable paths.
/// A `graph:` path that leaves the project folder (absolute, `..`, or through a symlink) is refused
/// unless the file naming it is trusted; a file not named like a graph (`.yaml`, `.yml`, `.json`)
/// is never read as one, and a sub-graph file that is not a graph is reported without its content.
///
/// Safe to share between tasks: the cache sits behind a lock.
public final class GraphLoader: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [String: Result<GraphDocument, GraphFileError>] = [:]
    /// The files whose `graph:` paths may leave their project.
    public let trust: GraphTrust

    public init(trust: GraphTrust = .nothing) {
        self.trust = trust
    }

    // MARK: Loading

    /// Loads (or returns the cached) graph file at `path`, relative to the current directory
    /// unless absolute. Throws `GraphFileError` when it cannot be read or parsed.
    public func load(_ path: String) throws -> GraphDocument {
        try result(displayPath: path).get()
    }

    /// Makes `document` what this loader returns for its path, e.g. an editor's unsaved buffer.
    /// A document without a path cannot be referenced and is ignored.
    public func register(_ document: GraphDocument) {
        guard let path = document.path else { return }
        let key = Self.absolutePath(path)
        lock.withLock { cache[key] = .success(document) }
    }

    /// Forgets a file (after it changed on disk), or every file when `path` is nil.
    public func invalidate(_ path: String? = nil) {
        lock.withLock {
            if let path { cache[Self.absolutePath(path)] = nil } else { cache.removeAll() }
        }
    }

    // MARK: Sub-graphs

    /// The path a `map`, `loop` or `graph` node's `graph:` field names, joined to the folder of
    /// the file holding the node; nil when the field is not a non-empty string.
    public func subgraphPath(of node: Node, in document: GraphDocument) -> String? {
        subgraphPath(of: node, inFile: document.path)
    }

    /// The sub-graph a node names, or a diagnostic located at the node's `graph` field that says
    /// which file it looked for and what to do.
    public func subgraph(of node: Node, in document: GraphDocument) -> Result<GraphDocument, Diagnostic> {
        subgraph(of: node, inFile: document.path, at: document.sourceMap.location(node: node.id, field: "graph"))
    }

    /// The sub-graph a node of the file at `file` names, by the same rules as validation and runs
    /// (for a front end that opens it to show it).
    public func subgraph(of node: Node, inFile file: String?) -> Result<GraphDocument, Diagnostic> {
        subgraph(of: node, inFile: file, at: nil)
    }

    func subgraphPath(of node: Node, inFile file: String?) -> String? {
        guard let relative = node["graph"]?.stringValue, !relative.isEmpty else { return nil }
        return Self.join(folder: file.map(Self.folder(of:)), relative)
    }

    func subgraph(of node: Node, inFile file: String?, at location: SourceLocation?) -> Result<
        GraphDocument, Diagnostic
    > {
        func problem(_ kind: Diagnostic.Kind, _ message: String, _ hint: Hint) -> Diagnostic {
            Diagnostic(.error, kind, message, hint: hint, file: file, location: location, node: node.id)
        }
        guard let path = subgraphPath(of: node, inFile: file) else {
            return .failure(
                problem(
                    .field, "node `\(node.id)` names no sub-graph file",
                    "set `graph:` to a graph file's path, relative to this file's folder"))
        }
        let key = Self.absolutePath(path)
        let written = node["graph"]?.stringValue ?? path
        if let refusal = refusal(of: key, written: written, node: node.id, inFile: file) {
            return .failure(problem(refusal.kind, refusal.message, refusal.hint))
        }
        let cached = lock.withLock { cache[key] }
        if cached == nil, !FileManager.default.fileExists(atPath: key) {
            let folder = Self.folder(of: Self.absolutePath(file ?? "<unsaved>"))
            return .failure(
                problem(
                    .reference, "sub-graph file `\(written)` of node `\(node.id)` not found (looked for \(key))",
                    "create that file, or fix `graph:` (paths are relative to \(folder))"))
        }
        switch cached ?? result(displayPath: path) {
        case .success(let sub):
            return .success(sub)
        case .failure(let error):
            guard Self.looksLikeGraph(atPath: key) else {
                return .failure(problem(.reference, Self.notAGraph(written, node: node.id), Self.notAGraphHint))
            }
            let first = error.diagnostics.first?.message ?? "it could not be read"
            return .failure(
                problem(
                    .reference, "sub-graph file `\(path)` of node `\(node.id)` has errors: \(first)",
                    "fix the errors reported for \(path)"))
        }
    }

    /// A resolver for `NodePorts.resolve(_:subgraph:)`: the graph a node of `document` names,
    /// or nil when it cannot be loaded.
    public func subgraphResolver(for document: GraphDocument) -> @Sendable (Node) -> Graph? {
        { node in try? self.subgraph(of: node, in: document).get().graph }
    }

    // MARK: The include tree

    /// Every file a root graph reaches through its sub-graph nodes.
    public struct Tree: Sendable {
        /// The root first, then each sub-graph file once, in the order first reached.
        public var documents: [GraphDocument]
        /// Missing or broken sub-graph files (located at the node naming them, plus the broken
        /// file's own diagnostics), files that include themselves (with the include chain), and
        /// chains past `GraphLimits`.
        public var diagnostics: [Diagnostic]
    }

    /// Loads every sub-graph reachable from `root`, once each, and finds include cycles such as
    /// `a.graph.yaml → b.graph.yaml → a.graph.yaml`.
    public func tree(from root: GraphDocument) -> Tree {
        var tree = Tree(documents: [root], diagnostics: [])
        let rootFolder = root.path.map { Self.folder(of: Self.absolutePath($0)) }
        var finished = Set<String>()
        var brokenReported = Set<String>()
        // The include chain being walked: absolute paths, with the display name for messages.
        var chain: [(key: String, name: String)] = []
        // Per finished file: its nodes with every sub-graph's expanded, and the sub-graph node
        // that contributes most (to name the chain when the root is too big).
        var expanded: [String: (nodes: Int, heaviest: (node: Node, target: String)?)] = [:]

        func name(_ absolute: String) -> String {
            guard let rootFolder, absolute.hasPrefix(rootFolder + "/") else { return absolute }
            return String(absolute.dropFirst(rootFolder.count + 1))
        }

        func walk(_ document: GraphDocument) {
            let key = absolute(document)
            chain.append((key, name(key)))
            var size = document.graph.nodes.count
            var heaviest: (node: Node, target: String, nodes: Int)?
            defer {
                chain.removeLast()
                finished.insert(key)
                expanded[key] = (size, heaviest.map { ($0.node, $0.target) })
            }
            for node in document.graph.nodes where node.kind?.hasSubgraph == true {
                guard let path = subgraphPath(of: node, in: document) else { continue }
                let target = Self.absolutePath(path)
                defer {
                    let nodes = expanded[target]?.nodes ?? 0
                    size = GraphLimits.adding(size, nodes)
                    if nodes > heaviest?.nodes ?? 0 { heaviest = (node, target, nodes) }
                }
                if let start = chain.firstIndex(where: { $0.key == target }) {
                    let names = chain[start...].map(\.name) + [name(target)]
                    tree.diagnostics.append(
                        Diagnostic(
                            .error, .reference,
                            "sub-graph `\(node["graph"]?.stringValue ?? path)` of node `\(node.id)` includes itself: \(names.joined(separator: " → "))",
                            hint: "a graph cannot contain itself; repeat work with a `loop` node, or break the chain",
                            file: document.path, location: document.sourceMap.location(node: node.id, field: "graph"),
                            node: node.id))
                    continue
                }
                if chain.count >= GraphLimits.nestingDepth {
                    tree.diagnostics.append(
                        Diagnostic(
                            .error, .limit,
                            "sub-graphs nest more than \(GraphLimits.nestingDepth) files deep: \(Self.chainText(chain.map(\.name) + [name(target)]))",
                            hint: "flatten the chain: put the innermost graphs' nodes into the graph that calls them",
                            file: document.path, location: document.sourceMap.location(node: node.id, field: "graph"),
                            node: node.id))
                    continue
                }
                switch subgraph(of: node, in: document) {
                case .success(let sub):
                    if !finished.contains(target) {
                        tree.documents.append(sub)
                        walk(sub)
                    }
                case .failure(let diagnostic):
                    tree.diagnostics.append(diagnostic)
                    // A file that is not a graph adds nothing: its diagnostics would show its content.
                    if brokenReported.insert(target).inserted,
                        case .failure(let error)? = lock.withLock({ cache[target] }),
                        Self.looksLikeGraph(atPath: target)
                    {
                        tree.diagnostics += error.diagnostics
                    }
                }
            }
        }
        walk(root)
        let rootKey = absolute(root)
        if let size = expanded[rootKey]?.nodes, size > GraphLimits.expandedNodes {
            // Follow the heaviest sub-graph node down to name where the size comes from.
            var names = [name(rootKey)]
            var key = rootKey
            var first: Node?
            while let (node, target) = expanded[key]?.heaviest, names.count <= GraphLimits.nestingDepth {
                first = first ?? node
                names[names.count - 1] += " (`\(node.id)`)"
                names.append(name(target))
                key = target
            }
            tree.diagnostics.append(
                Diagnostic(
                    .error, .limit,
                    "with its sub-graphs this graph has \(size >= Int.max / 2 ? "too many" : "\(size)") nodes, more than the \(GraphLimits.expandedNodes) Patchbay runs: \(Self.chainText(names))",
                    hint:
                        "a file that names the same sub-graph from several nodes multiplies its size at every level; call it once, or repeat it with a `loop` or `map` node",
                    file: root.path, location: first.flatMap { root.sourceMap.location(node: $0.id, field: "graph") },
                    node: first?.id))
        }
        return tree
    }

    /// An include chain for a message: every file when short, else the first and last few.
    static func chainText(_ names: [String]) -> String {
        guard names.count > 8 else { return names.joined(separator: " → ") }
        return (names.prefix(3) + ["… \(names.count - 6) more …"] + names.suffix(3)).joined(separator: " → ")
    }

    // MARK: Paths

    /// `path` made absolute (against the current directory) with `.` and `..` removed.
    public static func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return normalize(full)
    }

    private func absolute(_ document: GraphDocument) -> String {
        // A document without a path stands for an unsaved graph in the current directory.
        Self.absolutePath(document.path ?? "<unsaved>")
    }

    private func result(displayPath path: String) -> Result<GraphDocument, GraphFileError> {
        let key = Self.absolutePath(path)
        if let cached = lock.withLock({ cache[key] }) { return cached }
        let loaded: Result<GraphDocument, GraphFileError>
        do {
            var document = try GraphFile.load(path: path)
            document.path = path
            loaded = .success(document)
        } catch let error as GraphFileError {
            loaded = .failure(error)
        } catch {
            loaded = .failure(
                GraphFileError([
                    Diagnostic(
                        .error, .file, "cannot read graph file: \(error)",
                        hint: "check that \(path) exists and is readable",
                        file: path)
                ]))
        }
        // Two tasks may read the same file at once; the first stored result wins.
        return lock.withLock {
            if let existing = cache[key] { return existing }
            cache[key] = loaded
            return loaded
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(folder: String?, _ relative: String) -> String {
        guard !relative.hasPrefix("/"), let folder, folder != "." else { return normalize(relative) }
        return normalize(folder + "/" + relative)
    }

    /// Removes `.` and `..` segments and doubled slashes without touching the file system.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

/// So `subgraph(of:in:)` can return `Result<GraphDocument, Diagnostic>`.
extension Diagnostic: Error {}

/// The engine resolves sub-graphs through the same cache validation used.
extension GraphLoader: SubgraphResolver {
    /// Throws `GraphFileError`: the sub-graph file's own problems when it has some, else one
    /// diagnostic saying which file was missing.
    public func subgraph(for node: Node, in path: String?) throws -> (graph: Graph, path: String) {
        // Located at the `graph:` field when the including file was loaded here (it usually was).
        let including = path.flatMap { path in lock.withLock { cache[Self.absolutePath(path)] } }
        let location = (try? including?.get())?.sourceMap.location(node: node.id, field: "graph")
        switch subgraph(of: node, inFile: path, at: location) {
        case .success(let document):
            return (document.graph, document.path ?? subgraphPath(of: node, inFile: path) ?? "")
        case .failure(let diagnostic):
            let key = subgraphPath(of: node, inFile: path).map(Self.absolutePath)
            if let key, refusal(of: key, written: "", node: node.id, inFile: path) == nil,
                case .failure(let error)? = lock.withLock({ cache[key] }), Self.looksLikeGraph(atPath: key)
            {
                throw error
            }
            throw GraphFileError([diagnostic])
        }
    }
}
