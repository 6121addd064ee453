/// The panes a layout can place. Numbers in pane titles (and the 1–9 keys) follow the order
/// panes appear in the active layout, not these cases.
public enum PaneID: String, Sendable, Hashable, CaseIterable, Codable {
    case graph, inspector, prompt, preview, output, trace, problems, runs, eval, improve, compare

    public var title: String {
        switch self {
        case .graph: "Graph"
        case .inspector: "Inspector"
        case .prompt: "Prompt"
        case .preview: "Preview"
        case .output: "Output"
        case .trace: "Trace"
        case .problems: "Problems"
        case .runs: "Runs"
        case .eval: "Eval"
        case .improve: "Improve"
        case .compare: "Compare"
        }
    }
}
