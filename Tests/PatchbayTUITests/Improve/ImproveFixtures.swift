import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// An improve search of the gate graph, reported without a session behind it: three candidates
/// that loosen the check (one kept, one not, one with a label the model wrote).
enum ImproveFixtures {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    static func state(width: Int = 120, height: Int = 40) throws -> AppState {
        var state = try H.historyState(width: width, height: height)
        state.runHistory.shown = nil
        return state
    }

    /// The gate graph with its check at `.n <= limit`.
    static func graph(_ state: AppState, limit: Int) -> Graph {
        var graph = state.graph
        if let i = graph.index(of: "short") { graph.nodes[i].fields["jq"] = .string(".n <= \(limit)") }
        return graph
    }

    static func rate(_ passed: Int, _ total: Int) -> ImproveReport.Rate {
        ImproveReport.Rate(passed: passed, total: total)
    }

    static func candidate(_ label: String, passed: Int, accepted: Bool, phase: String = "single")
        -> ImproveReport.Candidate
    {
        ImproveReport.Candidate(
            phase: phase, kind: "prompt", node: "short", label: label, dev: rate(passed, 6),
            difference: Double(passed - 2) / 6, low: accepted ? 0.05 : -0.3, high: 0.8, calls: 6, cost: 0,
            accepted: accepted, reason: accepted ? "better" : "no change")
    }

    /// The three candidates as the search reports them, each with its graph.
    static func progress(_ state: AppState) -> [ImproveProgress] {
        let tried: [(ImproveReport.Candidate, Int)] = [
            (candidate("short: limit 12", passed: 6, accepted: true), 12),
            (candidate("short: limit 6", passed: 3, accepted: false), 6),
            (candidate("short: \u{1b}[31mred\u{1b}[0m", passed: 2, accepted: false, phase: "combined"), 4),
        ]
        var best = rate(2, 6)
        var accepted: [String] = []
        return tried.enumerated().map { i, pair in
            if pair.0.accepted {
                best = pair.0.dev!
                accepted.append(pair.0.label)
            }
            return ImproveProgress(
                phase: i == 2 ? .combined : .single, candidate: pair.0, graph: graph(state, limit: pair.1), best: best,
                accepted: accepted, calls: 6 * (i + 2))
        }
    }

    /// A candidate whose move is inside the sub-graph of `inner` (read from `lib/inner.graph.yaml`,
    /// a copy of the gate graph): the main graph unchanged, the sub-graph's check loosened.
    static func subgraphProgress(_ state: AppState) -> ImproveProgress {
        let sub = ImproveProgress.Subgraph(
            path: "/p/lib/inner.graph.yaml", original: state.graph, changed: graph(state, limit: 9))
        var candidate = candidate("inner/short: limit 9", passed: 6, accepted: true)
        candidate.node = "inner/short"
        return ImproveProgress(
            phase: .single, candidate: candidate, graph: state.graph, subgraphs: ["inner": sub], best: rate(6, 6),
            accepted: [candidate.label], calls: 40)
    }

    static func report(_ state: AppState, subgraphs: Bool = false) -> ImproveReport {
        ImproveReport(
            id: "i1", graphPath: "/p/gate.graph.yaml", startedAt: F.now, finishedAt: F.now.addingTimeInterval(7.5),
            trainCases: 6, devCases: 6, testCases: 4, repeats: 1, baselineDev: rate(2, 6),
            candidates: progress(state).compactMap(\.candidate), accepted: ["short: limit 12"], winnerDev: rate(6, 6),
            baselineTest: rate(1, 4), winnerTest: rate(4, 4),
            improvedGraph: GraphCodec.encode(graph(state, limit: 12)),
            improvedSubgraphs: subgraphs ? ["lib/x.improved.graph.yaml": "patchbay: 1\n"] : nil, notes: [],
            stopped: nil, calls: 30, cost: 0)
    }

    /// `:improve`, started, and every candidate reported.
    static func searched(width: Int = 120, height: Int = 40) throws -> AppState {
        var state = try Self.state(width: width, height: height)
        _ = AppReducer.reduce(&state, .command("improve gate.cases.yaml"))
        _ = AppReducer.reduce(
            &state,
            .improve(.report(.started(id: "i1", casesPath: "gate.cases.yaml", train: 6, dev: 6, test: 4, repeats: 1))))
        for progress in progress(state) { _ = AppReducer.reduce(&state, .improve(.report(.progress(progress)))) }
        return state
    }
}
