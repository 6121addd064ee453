import Foundation
import PatchbayCore

/// `patchbay improve`: proposes rearrangements of a graph's `llm` nodes (few-shot examples from
/// passing train runs, sampling with a vote, temperature, other models, prompts the person
/// gives, an output schema), measures each on dev, keeps a move only when the lower bound of
/// its improvement's interval is above zero, combines the helpful ones greedily, and measures
/// the winner once on test, which no choice looked at.
///
/// Every measurement is an eval (``EvalRunner``) with the caller's environment, so runs are
/// stored, cached and rate-limited as `patchbay eval`'s are.
public struct ImproveSession: Sendable {
    public let id: String
    public let graph: Graph
    public let path: String?
    public let suite: EvalSuite
    public let split: CaseSplit
    public let options: ImproveOptions
    public var environment: EngineEnvironment
    /// How the graph's sub-graphs are found and trusted (the front end's loader); nil: none.
    let resolver: (any SubgraphResolver)?
    /// The graph as a candidate: with the sub-graph of each top-level node that has one (its
    /// `llm` nodes can be changed too).
    let original: Candidate

    /// With `split` nil, the suite's cases are split by `options.shares` and `options.seed`.
    public init(
        id: String = UUID().uuidString.lowercased(), graph: Graph, path: String?, suite: EvalSuite,
        split: CaseSplit? = nil, options: ImproveOptions, environment: EngineEnvironment,
        resolver: (any SubgraphResolver)?
    ) {
        self.id = id
        self.graph = graph
        self.path = path
        self.suite = suite
        let shares = options.shares + [0, 0, 0]
        self.split =
            split ?? CaseSplit.split(suite.cases, shares: (shares[0], shares[1], shares[2]), seed: options.seed)
        self.options = options
        self.environment = environment
        self.resolver = resolver
        var subgraphs: [String: Candidate.Subgraph] = [:]
        for node in graph.nodes where node.kind?.hasSubgraph == true {
            if let found = try? resolver?.subgraph(for: node, in: path) {
                subgraphs[node.id] = Candidate.Subgraph(graph: found.graph, path: found.path)
            }
        }
        original = Candidate(graph: graph, subgraphs: subgraphs)
    }

    /// A candidate's plan: its sub-graphs in place of the files' (see `SubgraphOverlay`).
    func plan(_ candidate: Candidate) throws -> ExecutionPlan {
        try ExecutionPlan.build(
            candidate.graph, path: path,
            resolver: SubgraphOverlay(base: resolver, mainPath: path, replaced: candidate.subgraphs.mapValues(\.graph)))
    }

    /// Runs the search; `progress` hears each candidate as it is measured. Cancel the calling
    /// task to stop: what was measured is kept, and the best so far is the winner.
    public func run(progress: @Sendable (ImproveProgress) -> Void = { _ in }) async -> ImproveReport {
        let search = Search(session: self, meter: ModelMeter(environment.models), started: Date())
        return await search.run(progress: progress)
    }
}

/// Where a search is, for a progress line or pane.
public struct ImproveProgress: Sendable {
    public enum Phase: String, Sendable { case train, baseline, single, combined, test }
    public var phase: Phase
    /// The candidate just measured (single and combined phases), and its graph.
    public var candidate: ImproveReport.Candidate?
    public var graph: Graph?
    /// The sub-graphs it changed, by the id of the top-level node whose sub-graph each is.
    public var subgraphs: [String: Subgraph] = [:]
    /// The best dev rate so far and the moves that reached it.
    public var best: ImproveReport.Rate
    public var accepted: [String]
    public var calls: Int

    /// A sub-graph a candidate changed: the file it was read from, as read and as changed.
    public struct Subgraph: Sendable, Hashable {
        public var path: String
        public var original: Graph
        public var changed: Graph

        public init(path: String, original: Graph, changed: Graph) {
            self.path = path
            self.original = original
            self.changed = changed
        }
    }
}

extension ImproveSession {
    /// `dir/classify.graph.yaml` → `dir/classify.improved.graph.yaml`: where an improved graph goes.
    public static func improvedName(_ path: String) -> String {
        var stem = path
        for suffix in [".graph.yaml", ".graph.yml", ".yaml", ".yml"] where stem.hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
            break
        }
        return stem + ".improved.graph.yaml"
    }

    /// The sub-graphs `candidate` changed, for the progress report.
    func changedSubgraphs(_ candidate: Candidate) -> [String: ImproveProgress.Subgraph] {
        var changed: [String: ImproveProgress.Subgraph] = [:]
        for (id, sub) in candidate.subgraphs {
            guard let before = original.subgraphs[id], before != sub else { continue }
            changed[id] = ImproveProgress.Subgraph(path: before.path, original: before.graph, changed: sub.graph)
        }
        return changed
    }

    /// The files of a winner, canonical: the main graph, naming each changed sub-graph by its
    /// improved file, and those files by their paths relative to the main graph's folder.
    func files(_ winner: Candidate) -> (String, [String: String]?) {
        var graph = winner.graph
        var files: [String: String] = [:]
        for (id, sub) in winner.subgraphs where sub != original.subgraphs[id] {
            guard let index = graph.index(of: id), let field = graph.nodes[index].fields["graph"]?.stringValue else {
                continue
            }
            let renamed = Self.improvedName(field)
            graph.nodes[index].fields["graph"] = .string(renamed)
            files[renamed] = GraphCodec.encode(sub.graph)
        }
        return (GraphCodec.encode(graph), files.isEmpty ? nil : files)
    }
}

/// A graph `improve` measures: the main graph and the sub-graphs of its top-level nodes, any of
/// which a move may have changed.
public struct Candidate: Sendable, Hashable {
    public struct Subgraph: Sendable, Hashable {
        public var graph: Graph
        /// The file it was read from.
        public var path: String
    }

    public var graph: Graph
    /// By the id of the top-level node whose sub-graph it is.
    public var subgraphs: [String: Subgraph]
}

extension Candidate {
    /// The main graph's and every sub-graph's content, hashed together.
    var contentHash: String {
        let parts = [graph.contentHash] + subgraphs.keys.sorted().map { $0 + ":" + subgraphs[$0]!.graph.contentHash }
        return FileFingerprint(text: parts.joined(separator: "\n")).sha256
    }
}
