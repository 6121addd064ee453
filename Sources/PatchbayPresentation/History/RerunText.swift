import PatchbayCore

/// How both front ends say what a re-run from a node inside a sub-graph (`each/shout`) runs
/// again, and that a path names no node: the workbench's `R`/`F` inside an entered sub-graph and
/// `patchbay rerun --from each/shout` (`ExecutionPlan.rerunSet`).
public enum RerunText {
    /// "Re-running from `each/shout` in every item, and what depends on `each`" (a `loop`: in
    /// every pass; a `graph` node: no items to name).
    public static func rerunning(from path: String, in graph: Graph) -> String {
        let top = String(path.prefix { $0 != "/" })
        let every =
            switch graph[top]?.kind {
            case .map?: " in every item"
            case .loop?: " in every pass"
            default: ""
            }
        return "Re-running from `\(path)`\(every), and what depends on `\(top)`"
    }

    /// "no node `each/nope` in this graph to re-run from": the command line prints it after
    /// "error: "; the workbench's status line starts it with a capital.
    public static func noNode(_ path: String) -> String {
        "no node `\(path)` in this graph to re-run from"
    }
}
