import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a past run again from its recorded outputs: no model calls, no programs, nothing executes.",
        discussion: """
            Replays the graph as it ran (its stored text), not the file as it is now. Sub-graphs of map, loop \
            and graph nodes are read from their files. The replay is saved as a new run (origin: replay).
            """)

    @Argument(help: "The run: an id, a unique prefix, `last` or `#SEQ`.")
    var runRef: String

    @Flag(help: "Print the result as one JSON object, as `run --json` does.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.existing(project: storeOptions.project)
        let run = try ProjectStore.storeCall { try store.run(runRef) }
        let path = run.summary.graphPath
        let graph = try Self.storedGraph(run)
        if let path, let onDisk = try? GraphLoader().load(path), GraphCodec.encode(onDisk.graph) != run.graphText {
            Console.err(
                "note: \(TerminalText.escape(path)) has changed since run \(run.id.prefix(8)); replaying the graph as it ran"
            )
        }
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(graph, path: path, resolver: GraphLoader(trust: Trust.graphs(flagged: [])))
        } catch {
            Console.err(ErrorText.text(error))
            Console.err("  hint: run \(run.id.prefix(8)) cannot be replayed; a sub-graph file it uses may have changed")
            throw ExitStatus.invalid.code
        }
        let options = RunOptions.replaying(run.result)
        // No models and no cache: everything comes from the recording.
        let root = path.map(ProjectFolder.containing) ?? ProjectStore.root(project: storeOptions.project)
        let engine = Engine(
            environment: EngineEnvironment(
                models: UnconfiguredModelProvider(), cache: nil, projectRoot: root, journal: store.journal))
        let handle: RunHandle
        do {
            handle = try engine.start(plan, inputs: run.inputs, options: options)
        } catch let error as RunInputError {
            Console.err(error.rendered(hint: HintText.commandLine))
            throw ExitStatus.invalid.code
        }
        _ = try await ProjectStore.drive(handle, outputs: plan.outputs.map(\.name), json: json, store: store)
    }

    /// The graph as the run ran it.
    static func storedGraph(_ run: StoredRun) throws -> Graph {
        do {
            return try GraphCodec.decode(run.graphText, path: run.summary.graphPath).graph
        } catch {
            throw CLIError("the stored graph of run \(run.id.prefix(8)) does not read back: \(error)")
        }
    }
}
