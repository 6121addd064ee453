import Foundation
import PatchbayCore
import PatchbayEval

/// The improve pane: the search in flight (candidates as they are measured, the best so far) or
/// the last one's report, the candidate selected, and the diff shown.
public struct ImproveState: Sendable, Equatable {
    public var run = PaneRun()
    /// Cases in each part of the split, and samples per dev case.
    public var train = 0
    public var dev = 0
    public var test = 0
    public var repeats = 1
    public var phase: String?
    /// Every candidate measured, in order, with its graph.
    public var rows: [ImproveRow] = []
    public var best: ImproveReport.Rate?
    public var accepted: [String] = []
    public var calls = 0
    /// Set when the search ends.
    public var report: ImproveReport?
    public var selection = 0
    public var scroll = 0
    /// The diff of the selected candidate (or the winner) against the graph being edited, when shown.
    public var diff: ImproveDiff?

    public init() {}

    var selectedRow: ImproveRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// Starts following a search the runner has begun.
    mutating func begin(id: String, casesPath: String, split: (Int, Int, Int), repeats: Int, at now: Date) {
        self = ImproveState()
        run.begin(id: id, casesPath: casesPath, at: now)
        (train, dev, test) = split
        self.repeats = max(1, repeats)
    }

    mutating func record(_ progress: ImproveProgress) {
        phase = progress.phase.rawValue
        best = progress.best
        accepted = progress.accepted
        calls = progress.calls
        if let candidate = progress.candidate {
            rows.append(ImproveRow(candidate: candidate, graph: progress.graph, subgraphs: progress.subgraphs))
        }
    }
}

/// One measured candidate and the graph it measured (nil when the search did not say), with
/// the sub-graphs it changed by the top-level node whose sub-graph each is.
public struct ImproveRow: Sendable, Hashable {
    public var candidate: ImproveReport.Candidate
    public var graph: Graph?
    public var subgraphs: [String: ImproveProgress.Subgraph] = [:]
}

/// A diff shown in the pane: what it is of, and its lines (`+`, `-`, context, `…`, and a
/// heading before each sub-graph's part, at `headings`).
public struct ImproveDiff: Sendable, Hashable {
    public var title: String
    public var lines: [String]
    public var headings: Set<Int> = []
    public var scroll = 0
}
