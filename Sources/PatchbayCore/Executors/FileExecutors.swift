import Foundation

/// What read-file and write-file share: the node, its path template and its format.
struct FileNodeConfig: Sendable {
    let id: String
    let path: PromptTemplate
    let json: Bool

    init(_ node: Node) throws {
        id = node.id
        path = try PromptTemplate(try node.string("path"))
        json = node["format"]?.stringValue == "json"
    }

    /// The rendered relative path and where it resolves inside the project.
    func target(_ inputs: NodeInputs, _ context: NodeContext) throws -> (relative: String, target: ProjectPath) {
        let relative = try path.render(inputs.values)
        return (relative, try ProjectPath.resolve(relative, root: context.environment.projectRoot, node: id))
    }
}

struct ReadFileExecutor: NodeExecutor {
    let config: FileNodeConfig
    var isInline: Bool { false }

    init(_ node: Node) throws { config = try FileNodeConfig(node) }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let (relative, target) = try config.target(inputs, context)
        let url = target.resolved
        let limit = context.run.limits.valueBytes
        let outcome: BoundedRead.Outcome
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            outcome = try BoundedRead.read(handle, limit: limit)
        } catch {
            throw NodeError("node `\(config.id)`: cannot read `\(relative)`: \(error.localizedDescription)")
        }
        guard case .complete(let data) = outcome else {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            throw context.run.stop(
                RunLimitError(
                    .valueBytes,
                    "`\(context.path)` read `\(relative)`, which is \(size.map { "\($0) bytes, more than the value_bytes limit (\(limit))" } ?? "more than the value_bytes limit (\(limit) bytes)")",
                    needed: size ?? RunLimits.doubled(limit)))
        }
        let text = String(decoding: data, as: UTF8.self)
        if config.json {
            do { return NodeResult(["content": try JSONValue(parsing: text)]) } catch {
                throw NodeError(
                    "node `\(config.id)`: `\(relative)` is not JSON: \(error)",
                    hint: "use `format: text` to read it as text")
            }
        }
        return NodeResult(["content": .string(text)])
    }
}

/// `write-file`: writes where `WriteRule` lets the file holding the node write.
struct WriteFileExecutor: NodeExecutor {
    let config: FileNodeConfig
    /// The file the node is in: whether it is trusted decides where it may write.
    let graphPath: String?
    var isInline: Bool { false }

    init(_ node: Node, graphPath: String?) throws {
        config = try FileNodeConfig(node)
        self.graphPath = graphPath
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let (relative, target) = try config.target(inputs, context)
        try WriteRule.check(
            target.components, relative: relative, trusted: context.environment.trust.isTrusted(graphPath: graphPath),
            node: config.id, graphPath: graphPath)
        let url = target.resolved
        let content = try inputs.require("content")
        let text = config.json ? content.prettyJSON + "\n" : content.plainText
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NodeError("node `\(config.id)`: cannot write `\(relative)`: \(error.localizedDescription)")
        }
        return NodeResult(["path": .string(relative)])
    }
}
