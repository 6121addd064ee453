import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List past runs of the project (or of one graph), newest first.",
        discussion: """
            A run is named in other commands by its id, a unique prefix of it (the 8 characters shown), \
            `last`, or `#SEQ`. A run whose process died before it finished shows as interrupted.
            """)

    @Argument(help: "Only runs of this graph file.")
    var graph: String?

    @Option(parsing: .unconditional, help: OptionRange.runsLimit.help("How many runs to show."))
    var limit = 20

    func validate() throws {
        try OptionRange.runsLimit.check(limit)
    }

    @Flag(help: "Print the runs as a JSON array.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.reading(project: storeOptions.project, graph: graph)
        let root = ProjectStore.root(project: storeOptions.project, graph: graph)
        let runs = try ProjectStore.storeCall { try store.runs(graphPath: graph, limit: limit) }
        if json {
            Console.json(JSONValue.array(runs.map(HistoryFormat.json)).compactJSON)
            return
        }
        guard !runs.isEmpty else {
            Console.err(graph.map { "no runs of \($0) yet" } ?? "no runs yet")
            return
        }
        let header = ["ID", "#", "WHEN", "GRAPH", "STATUS", "STEPS", "TOKENS", "COST", "TIME", "ORIGIN"]
        let rows = runs.map { s in
            [
                RunOriginText.shortID(s.id), "#\(s.seq)", HistoryFormat.when(s.startedAt),
                HistoryFormat.graph(s, root: root),
                s.status.rawValue, "\(s.stepCount)/\(s.executed)/\(s.cached)", TokenText.compact(s.usage),
                CostText.compact(s.cost), DurationText.compact(s.duration), RunOriginText.describe(s),
            ]
        }
        for line in TextTable().lines([header] + rows) { Console.out(line) }
        Console.err("STEPS: total/executed/cached")
    }
}
