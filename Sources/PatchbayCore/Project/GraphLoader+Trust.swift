import Foundation

extension GraphLoader {
    /// Why a sub-graph file may not be read, if it may not: it is outside the project folder of
    /// the file naming it, which is not trusted; or it is not named like a graph file.
    func refusal(of absolute: String, written: String, node: String, inFile file: String?) -> (
        kind: Diagnostic.Kind, message: String, hint: Hint
    )? {
        let including = Self.absolutePath(file ?? "<unsaved>")
        if !trust.isTrusted(graphPath: file) {
            let target = ProjectPath(absolute, root: ProjectFolder.containing(including))
            if !target.isInside {
                return (
                    .trust,
                    "sub-graph `\(written)` of node `\(node)` resolves to \(target.path), outside the project folder \(target.rootPath); only a trusted graph may include graphs from outside its project: copy the sub-graph into the project, or trust the graph",
                    .trustGraph(path: file, subgraphs: false)
                )
            }
        }
        let lower = absolute.lowercased()
        if ![".yaml", ".yml", ".json"].contains(where: lower.hasSuffix) {
            return (
                .reference,
                "sub-graph `\(written)` of node `\(node)` is not a graph file (graph files end in .graph.yaml, .yaml, .yml or .json); it was not read",
                "name a graph file in `graph:`"
            )
        }
        return nil
    }

    static func notAGraph(_ written: String, node: String) -> String {
        "sub-graph `\(written)` of node `\(node)` is not a graph (it has no `patchbay:` version key); its content is not shown"
    }

    static let notAGraphHint: Hint = "name a graph file in `graph:`; a graph file starts with `patchbay: 1`"

    /// Whether a file that failed to load is a graph with errors (whose diagnostics may quote
    /// it) rather than some other file, whose content must not reach the terminal, a CI log or
    /// the run store: it has a top-level `patchbay:` key (YAML) or `"patchbay":` (JSON).
    static func looksLikeGraph(atPath path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.split(separator: "\n", omittingEmptySubsequences: true).contains { line in
            line.hasPrefix("patchbay:") || line.hasPrefix("patchbay :")
                || line.range(of: #""patchbay"\s*:"#, options: .regularExpression) != nil
        }
    }
}
