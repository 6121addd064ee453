import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayMCP
import PatchbayPresentation
import PatchbayProviders
import PatchbayStore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a graph to the end and print its outputs.",
        discussion: """
            Outputs go to stdout; progress and problems to stderr. Ctrl-C cancels the run and still reports what finished. \
            The run and every step are saved in the project's .patchbay/patchbay.sqlite as they finish (see `patchbay runs`), \
            and node results are cached there, so an unchanged node is not executed again, even in a later process.
            """)

    @Argument(help: "The graph file (NAME.graph.yaml or .json).")
    var graph: String

    @OptionGroup var inputs: RunInputOptions

    @Flag(help: "Print the result as one JSON object: outputs, status, usage and every step.")
    var json = false

    @Flag(help: "Print every event as a JSON line as it happens (then the result line with --json).")
    var events = false

    @Flag(
        help:
            "Trust this graph file for this run (not its sub-graphs: trust those with `patchbay trust FILE`): its command nodes may run programs, it may write outside out/ and include graphs from outside the project."
    )
    var trust = false

    @Option(
        parsing: .unconditional, help: OptionRange.maxConcurrency.help("Most nodes of one graph level running at once.")
    )
    var maxConcurrency = 8

    func validate() throws {
        try OptionRange.maxConcurrency.check(maxConcurrency)
    }

    @Flag(
        name: .customLong("no-store"),
        help: "Keep this run out of the project's history and use a cache in memory only.")
    var noStore = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        let models = try Models.load(forGraph: graph, options: modelOptions)
        let loaded = try LoadedGraph.load(
            graph, aliases: models.aliases, servers: models.toolServers, trusted: trust, limits: models.config.limits)
        let values = try inputs.values(for: loaded.plan, limits: models.config.limits)
        try models.refuseUnready(loaded)
        try await models.using { try await execute(loaded, values: values, models: $0, tools: models.tools) }
    }

    private func execute(_ loaded: LoadedGraph, values: [String: JSONValue], models: ProviderHub, tools: MCPHub)
        async throws
    {
        var options = RunOptions()
        options.maxConcurrency = maxConcurrency
        let store = noStore ? nil : ProjectStore.forRunning(projectRoot: loaded.projectRoot)
        // Everything the run wrote is committed before the process exits, however it ends.
        defer { ProjectStore.finish(store) }
        let engine = Engine(
            environment: EngineEnvironment.forCLI(loaded, models: models, tools: tools, human: nil, store: store))
        let handle: RunHandle
        do {
            handle = try engine.start(loaded.plan, inputs: values, options: options)
        } catch let error as RunInputError {
            Console.err(error.rendered(hint: HintText.commandLine))
            throw ExitStatus.invalid.code
        }
        _ = try await ProjectStore.drive(
            handle, outputs: loaded.plan.outputs.map(\.name), json: json, events: events, store: store)
    }
}
