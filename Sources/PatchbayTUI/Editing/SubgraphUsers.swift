import Foundation
import PatchbayCore

/// The other graph files of a project that include a sub-graph file. An edit made inside an
/// entered sub-graph changes what they run too, so the workbench says which they are.
enum SubgraphUsers {
    /// Project-relative paths, sorted, of the graph files other than `except` with a `map`, `loop`
    /// or `graph` node naming `file`. The project is the folder of `root`'s (the graph being
    /// edited). Reads at most `limit` candidate files; skips hidden folders, `.build` and
    /// `node_modules`.
    static func of(_ file: String, except: String?, root graph: String?, limit: Int = 2_000) -> [String] {
        let target = canonical(file)
        let skip = except.map(canonical)
        let root = ProjectFolder.containing(canonical(graph ?? except ?? file)).standardizedFileURL
        let name = (target as NSString).lastPathComponent
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles, .skipsPackageDescendants])
        else { return [] }
        var found: [String] = []
        var read = 0
        for case let url as URL in walker {
            if [".build", "node_modules"].contains(url.lastPathComponent) {
                walker.skipDescendants()
                continue
            }
            let path = canonical(url.path)
            let lower = path.lowercased()
            guard [".yaml", ".yml", ".json"].contains(where: lower.hasSuffix), path != target, path != skip else {
                continue
            }
            read += 1
            if read > limit { break }
            // Most files never name it: only those that do are parsed.
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains(name),
                let graph = try? GraphCodec.decode(text, path: path).graph
            else { continue }
            let folder = (path as NSString).deletingLastPathComponent
            let includes = graph.nodes.contains { node in
                guard [.map, .loop, .graph].contains(node.kind), let relative = node["graph"]?.stringValue else {
                    return false
                }
                return canonical(relative.hasPrefix("/") ? relative : folder + "/" + relative) == target
            }
            if includes { found.append(relativePath(path, to: canonical(root.path))) }
        }
        return found.sorted()
    }

    /// The other `map`, `loop` or `graph` nodes of `parent` (the graph holding `node`, read from
    /// `parentPath`) that name the same file as `node`, as 'node `other` of this graph': `of`
    /// leaves the parent's file out, yet an edit inside changes what they run too.
    static func siblings(of node: String, in parent: Graph, parentPath: String?) -> [String] {
        func file(_ node: Node) -> String? {
            guard [.map, .loop, .graph].contains(node.kind), let name = node["graph"]?.stringValue else { return nil }
            if name.hasPrefix("/") { return canonical(name) }
            let folder = parentPath.map { ($0 as NSString).deletingLastPathComponent } ?? "."
            return canonical((folder.isEmpty ? "." : folder) + "/" + name)
        }
        guard let entered = parent[node], let target = file(entered) else { return [] }
        return parent.nodes.filter { $0.id != node && file($0) == target }.map { "node `\($0.id)` of this graph" }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func relativePath(_ path: String, to root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
