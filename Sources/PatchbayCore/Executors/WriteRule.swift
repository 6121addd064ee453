/// Where `write-file` may write, decided on the resolved path (after `..` and symlinks, so a
/// committed `out -> .git` link leads nowhere new).
///
/// - Never inside `.git/` or `.patchbay/`, trusted or not: git runs programs that its config and
///   hooks name (`core.fsmonitor`, `pre-commit`), and `.patchbay/` holds the run history.
/// - An untrusted graph writes only under the project's output folder `out/`, and there no hidden
///   file or folder (`.envrc`, `.github/`, …), no `patchbay.toml` and no graph file: anything
///   that runs or configures a tool, or that a later run would read as code or config.
/// - A trusted graph writes anywhere else in the project.
enum WriteRule {
    /// The folder below the project root where any graph may write; made on demand.
    static let outputFolder = "out"

    /// Throws when the file at `components` (the resolved target below the project root) may not
    /// be written by a graph that is, or is not, `trusted`. `relative` is the path as the node
    /// named it, `graphPath` the file holding the node, both for the message.
    static func check(_ components: [String], relative: String, trusted: Bool, node: String, graphPath: String?) throws
    {
        guard let name = components.last else {
            throw NodeError(
                "node `\(node)`: path `\(relative)` is the project folder itself, not a file",
                hint: "name a file under out/")
        }
        if let closed = components.first(where: { [".git", ".patchbay"].contains($0.lowercased()) }) {
            throw NodeError(
                "node `\(node)`: `\(relative)` is inside \(closed)/; write-file never writes in .git/ or .patchbay/, trusted or not (git runs programs its config and hooks name; .patchbay/ holds the run history)",
                hint: "write under \(outputFolder)/ instead")
        }
        if trusted { return }
        let file = graphPath ?? "this graph"
        let trustHint = Hint.trustGraph(path: graphPath, subgraphs: false)
        guard components.first == outputFolder, components.count > 1 else {
            throw NodeError(
                "node `\(node)`: `\(relative)` is outside \(outputFolder)/, and \(file) is not trusted; an untrusted graph writes only under the project's \(outputFolder)/ folder (write under \(outputFolder)/, e.g. `\(outputFolder)/\(name)`, or trust the graph)",
                hint: trustHint)
        }
        if let hidden = components.first(where: { $0.hasPrefix(".") }) {
            throw NodeError(
                "node `\(node)`: `\(relative)` names `\(hidden)`, and \(file) is not trusted; an untrusted graph writes no hidden files or folders (tools read them as config): use a name that does not start with `.`, or trust the graph",
                hint: trustHint)
        }
        let lower = name.lowercased()
        if lower == "patchbay.toml" || [".graph.yaml", ".graph.yml", ".graph.json"].contains(where: lower.hasSuffix) {
            throw NodeError(
                "node `\(node)`: `\(relative)` would be a graph file or project config, and \(file) is not trusted; an untrusted graph writes neither: use another name, or trust the graph",
                hint: trustHint)
        }
    }
}
