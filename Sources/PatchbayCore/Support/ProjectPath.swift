import Foundation

/// Where a path a graph names really lands, and whether that is inside the project folder:
/// `..`, absolute paths and symlinks (of every part that exists, so a new file under a linked
/// folder is caught too) are followed before deciding.
struct ProjectPath {
    /// The project folder with its own symlinks resolved, as resolved paths are compared to it.
    let rootPath: String
    /// The target, `.`/`..` removed and symlinks resolved.
    let resolved: URL

    init(_ path: String, root: URL) {
        rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        // relativeTo treats a URL without a trailing slash as a file: mark the root a folder.
        let target = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root.path, isDirectory: true))
            .standardizedFileURL
        var existing = target
        var rest: [String] = []
        // lstat, not stat: a dangling symlink exists too, and must be resolved like any other.
        while !Self.exists(existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for part in rest { resolved.appendPathComponent(part) }
        self.resolved = resolved.standardizedFileURL
    }

    var path: String { resolved.path }

    var isInside: Bool { path == rootPath || path.hasPrefix(rootPath + "/") }

    /// The resolved path's components below the project folder (empty for the folder itself).
    var components: [String] {
        guard isInside, path != rootPath else { return [] }
        return path.dropFirst(rootPath.count + 1).split(separator: "/").map(String.init)
    }

    /// Whether the resolved target is still a symlink: one that points nowhere, which could be
    /// made to point anywhere later.
    var isDanglingLink: Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    /// Resolves a file node's path, refusing anything outside the project folder.
    static func resolve(_ relative: String, root: URL, node: String) throws -> ProjectPath {
        let target = ProjectPath(relative, root: root)
        if target.isDanglingLink {
            throw NodeError(
                "node `\(node)`: path `\(relative)` is a symbolic link to a file that does not exist",
                hint: "read-file and write-file do not follow links to nowhere; remove the link or name another path")
        }
        guard target.isInside else {
            throw NodeError(
                "node `\(node)`: path `\(relative)` resolves to \(target.path), outside the project folder \(target.rootPath)",
                hint: "read-file and write-file only reach files inside the project folder")
        }
        return target
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
