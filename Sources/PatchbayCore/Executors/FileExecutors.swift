import Foundation

/// Resolves a node's path inside the project folder, refusing anything that lands outside it,
/// through `..` or through a symlink.
struct ProjectPath {
    static func resolve(_ relative: String, root: URL, node: String) throws -> URL {
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        // relativeTo treats a URL without a trailing slash as a file: mark the root a folder.
        let target = URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: root.path, isDirectory: true)).standardizedFileURL
        // Resolve symlinks of the deepest part that exists, so a new file under a linked folder is caught too.
        var existing = target
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for part in rest { resolved.appendPathComponent(part) }
        let path = resolved.standardizedFileURL.path
        guard path == rootPath || path.hasPrefix(rootPath + "/") else {
            throw NodeError(
                "node `\(node)`: path `\(relative)` resolves to \(path), outside the project folder \(rootPath)",
                hint: "read-file and write-file only reach files inside the project folder")
        }
        return resolved
    }
}

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
    func target(_ inputs: NodeInputs, _ context: NodeContext) throws -> (relative: String, url: URL) {
        let relative = try path.render(inputs.values)
        return (relative, try ProjectPath.resolve(relative, root: context.environment.projectRoot, node: id))
    }
}

struct ReadFileExecutor: NodeExecutor {
    let config: FileNodeConfig
    var isInline: Bool { false }

    init(_ node: Node) throws { config = try FileNodeConfig(node) }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let (relative, url) = try config.target(inputs, context)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NodeError("node `\(config.id)`: cannot read `\(relative)`: \(error.localizedDescription)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if config.json {
            do { return NodeResult(["content": try JSONValue(parsing: text)]) } catch {
                throw NodeError("node `\(config.id)`: `\(relative)` is not JSON: \(error)", hint: "use `format: text` to read it as text")
            }
        }
        return NodeResult(["content": .string(text)])
    }
}

struct WriteFileExecutor: NodeExecutor {
    let config: FileNodeConfig
    var isInline: Bool { false }

    init(_ node: Node) throws { config = try FileNodeConfig(node) }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let (relative, url) = try config.target(inputs, context)
        let content = try inputs.require("content")
        let text = config.json ? content.prettyJSON + "\n" : content.plainText
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NodeError("node `\(config.id)`: cannot write `\(relative)`: \(error.localizedDescription)")
        }
        return NodeResult(["path": .string(relative)])
    }
}
