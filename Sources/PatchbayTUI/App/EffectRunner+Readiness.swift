import PatchbayCore
import PatchbayPresentation

extension EffectRunner {
    /// The status line's refusal (short) and all of it (`detail`) when a run of `graph` would fail on something missing here (a
    /// model alias's key, the local model, trust for a command node or MCP server), asked as
    /// `patchbay run` asks it (`RunReadiness`); nil when it may start. `aliases`: more aliases
    /// the work needs (improve's candidate models), with the option that named them.
    /// `only`: the top-level nodes that will execute (a re-run from a node); nil: all.
    func unready(
        _ graph: Graph, aliases: [(alias: String, namedBy: String)] = [], only: Set<String>? = nil
    ) -> (message: String, detail: String)? {
        let document = GraphDocument(graph: graph, path: documentPath, fingerprint: FileFingerprint(text: ""))
        let problems = RunReadiness.problems(
            document, loader: loader, models: environment.models, tools: environment.tools, trust: environment.trust,
            aliases: aliases, only: only)
        guard !problems.isEmpty else { return nil }
        return (
            ReadinessText.statusLine(problems, voice: HintText.workbench),
            ReadinessText.detail(problems, voice: HintText.workbench)
        )
    }
}
