import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

/// The runs pane: this graph's newest stored runs, the row selected, and the stored run the
/// trace shows instead of the session's own.
public struct HistoryState: Sendable, Equatable {
    /// The workbench has a run store (without one the pane says so).
    public var available = false
    /// Newest first.
    public var runs: [RunSummary] = []
    /// Index into `visible`.
    public var selection = 0
    public var scroll = 0
    /// `/` in the runs pane: only runs whose row holds this text (ignoring case) are listed.
    public var filter = ""
    /// The stored run the trace and the graph's marks show; nil: the session's runs.
    public var shown: ShownRun?
    /// The graph the session's own run in the trace started with (it may be edited since).
    public var sessionGraph: Graph?
    /// The sub-graph files the session's own run ran (its plan's, absolute paths), and the file
    /// of the graph it ran: its steps inside sub-graphs show the config they ran with.
    public var sessionSubgraphs = RunSubgraphs()
    public var sessionPath: String?
    /// `m` in the runs pane: the run `=` compares the selected one with (its id).
    public var marked: String?
    /// `C` in the runs pane on a run not shown yet: it is read first, then captured.
    public var captureWhenOpened = false

    /// How many runs the pane lists.
    public static let limit = 100

    public init() {}

    /// The runs listed: all of them, or those the filter matches.
    public var visible: [RunSummary] {
        filter.isEmpty ? runs : runs.filter { Self.matches($0, filter.lowercased()) }
    }

    public var selectedRun: RunSummary? {
        let visible = visible
        return visible.indices.contains(selection) ? visible[selection] : nil
    }

    /// What a filter is matched against: the row's number, id, status and origin.
    static func matches(_ run: RunSummary, _ needle: String) -> Bool {
        "#\(run.seq) \(run.id) \(run.status) \(RunOriginText.describe(run))".lowercased().contains(needle)
    }

    /// The graph the trace's run ran: the stored run's own, or the session run's; nil when not
    /// known (a stored text that no longer reads, no run yet).
    public var ranGraph: Graph? { shown.map(\.graph) ?? sessionGraph }

    /// The sub-graph files the trace's run ran, with its graph and that graph's file (absolute):
    /// what `RunSubgraphs.node(at:top:topPath:)` resolves a step inside a sub-graph from.
    var ranSubgraphs: (subgraphs: RunSubgraphs, top: Graph, topPath: String?)? {
        if let shown { return shown.graph.map { (shown.subgraphs, $0, shown.summary.graphPath) } }
        return sessionGraph.map { (sessionSubgraphs, $0, sessionPath) }
    }
}

/// A stored run opened into the trace: enough to name it, fork from it and replay it.
public struct ShownRun: Sendable, Equatable {
    public var summary: RunSummary
    public var result: RunResult
    /// The inputs it ran with (a case captured from it takes them).
    public var inputs: [String: JSONValue] = [:]
    /// The graph it ran, read from the store's copy (nil when that text no longer reads): the
    /// inspector shows its steps' config and prompts from it, not from the graph being edited.
    public var graph: Graph?
    /// The sub-graph files it ran, as it ran them.
    public var subgraphs = RunSubgraphs()

    /// `#12 3f2a1b`: how the status line and titles name it.
    public var label: String { "#\(summary.seq) \(summary.id.prefix(6))" }
}
