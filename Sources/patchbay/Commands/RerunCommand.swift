import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayProviders
import PatchbayStore

struct RerunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun",
        abstract: "Fork a past run: keep its recorded steps before NODE, execute NODE and everything downstream again.",
        discussion: """
            The graph is the file as it is now (or, with --stored, the graph as the run ran it), with --set edits \
            applied for this run only. Steps upstream of NODE are copied from the recorded run; NODE and what \
            depends on it execute again, even when the cache holds their results. Saved as a new run (origin: fork).
            For an llm node with tools, --from may name one of its turns or calls (a step path as `patchbay show` \
            prints it): the turns before it are copied with their calls and the loop goes on live from there.
            For a node inside a map, loop or graph node, --from may name its path (`each/shout`): it and what \
            depends on it in the body run again in every item or pass (the steps before it are copied), then what \
            depends on the enclosing node, as R and F inside a sub-graph in the workbench.
            Example: patchbay rerun last --from summarize --set summarize.temperature=0.2
            Example: patchbay rerun last --from 'agent/turn[2]'
            Example: patchbay rerun last --from each/shout
            """)

    @Argument(help: "The run: an id, a unique prefix, `last` or `#SEQ`.")
    var runRef: String

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp(
            "The node to execute again, with everything downstream of it; a node inside a sub-graph (each/shout); or a tool loop's turn or call.",
            valueName: "node"))
    var from: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change a node field for this run: NODE.FIELD=VALUE (VALUE as JSON, else as text).",
            valueName: "node.field=value"))
    var edits: [String] = []

    @Flag(help: "Use the graph as the run ran it instead of the file on disk.")
    var stored = false

    @Flag(help: "Print the result as one JSON object, as `run --json` does.")
    var json = false

    @Flag(
        help:
            "Trust this graph file for this run (not its sub-graphs: trust those with `patchbay trust FILE`): its command nodes may run programs, it may write outside out/ and include graphs from outside the project."
    )
    var trust = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.existing(project: storeOptions.project)
        let run = try ProjectStore.storeCall { try store.run(runRef) }
        guard let path = run.summary.graphPath ?? (stored ? "" : nil) else {
            throw CLIError(
                "run \(run.id.prefix(8)) has no graph file to read\n  hint: use --stored to fork the graph as it ran")
        }
        let root = path.isEmpty ? ProjectStore.root(project: storeOptions.project) : ProjectFolder.containing(path)
        let models = try Models.load(projectRoot: root.path, options: modelOptions)
        var graph: Graph
        if stored {
            graph = try ReplayCommand.storedGraph(run)
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError(
                    "\(path) is gone\n  hint: use --stored to fork the graph as run \(run.id.prefix(8)) ran it")
            }
            graph = try LoadedGraph.load(
                path, aliases: models.aliases, servers: models.toolServers, trusted: trust, limits: models.config.limits
            )
            .document.graph
        }
        for edit in edits { try Self.apply(edit, to: &graph) }
        // --trust covers the graph re-run: its file, or the stored graph when it has none.
        let graphTrust = Trust.graphs(
            flagged: trust && !path.isEmpty ? [path] : [], unsavedGraphs: trust && path.isEmpty)
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(
                graph, path: path.isEmpty ? nil : path, resolver: GraphLoader(trust: graphTrust))
        } catch {
            // The error names the file and node; an edit may be what broke the graph.
            Console.err(ErrorText.text(error))
            if !edits.isEmpty { Console.err("  hint: check the --set values: \(edits.joined(separator: " "))") }
            throw ExitStatus.invalid.code
        }
        try Self.checkEdited(
            graph, path: path, edits: edits, aliases: models.aliases, loader: GraphLoader(trust: graphTrust))
        var step = StepPath(parsing: from)
        let node = step.components.first?.node ?? from
        guard graph.index(of: node) != nil else {
            throw CLIError(
                RerunText.noNode(from)
                    + "\n  hint: \(Self.hint(node, among: graph.nodes.map(\.id), listing: "its top-level nodes"))")
        }
        // A node inside a map, loop or graph node (`each/shout`): from it in every item or pass,
        // as the workbench's R and F inside a sub-graph; else a tool loop's turn or call.
        let inside = plan.rerunPaths.filter { $0.hasPrefix(node + "/") }
        let nested = !inside.isEmpty && step.components.count > 1 && step.components.allSatisfy { $0.index == nil }
        let options: RunOptions
        if nested {
            guard !plan.rerunSet(from: from).isEmpty else {
                throw CLIError(
                    RerunText.noNode(from)
                        + "\n  hint: \(Self.hint(from, among: inside, listing: "the nodes inside `\(node)`"))")
            }
            options = try RunOptions.forking(run.result, from: from, plan: plan)
        } else {
            if step.components.count > 1 { step = try Self.recordedStep(step, in: run.result, typed: from) }
            options = try RunOptions.forking(run.result, at: step, plan: plan)
        }
        let again = options.forceExecute
        // Only what runs again (inside a sub-graph: what its enclosing node runs): the rest is the recorded run's.
        try models.refuseUnready(
            GraphDocument(graph: graph, path: path.isEmpty ? nil : path, fingerprint: FileFingerprint(text: "")),
            loader: GraphLoader(trust: graphTrust), trust: graphTrust, only: nested ? plan.downstream(of: node) : again)
        for edit in edits {
            // The enclosing node of a node inside runs again: its body is replayed up to the node.
            if let target = edit.split(separator: ".").first.map(String.init), !again.contains(target), target != node {
                Console.err(
                    "note: `\(target)` is upstream of `\(nested ? from : node)`: its recorded outputs are used, so --set \(edit) has no effect; use --from \(target)"
                )
            }
        }
        if nested { Console.err(RerunText.rerunning(from: from, in: graph)) }
        try await models.using { hub in
            var environment = EngineEnvironment(
                models: hub, cache: store.cache, projectRoot: root,
                trust: graphTrust, journal: store.journal, tools: models.tools)
            environment.limits = models.config.limits
            let handle: RunHandle
            do {
                handle = try Engine(environment: environment).start(plan, inputs: run.inputs, options: options)
            } catch let error as RunInputError {
                Console.err(error.rendered(hint: HintText.commandLine))
                throw ExitStatus.invalid.code
            }
            _ = try await ProjectStore.drive(handle, outputs: plan.outputs.map(\.name), json: json, store: store)
        }
    }
}

extension RerunCommand {
    /// The run's step at `path`, found with or without a call's tool label (`agent/turn[1]/call[0]`).
    static func recordedStep(_ path: StepPath, in run: RunResult, typed: String) throws -> StepPath {
        func bare(_ path: StepPath) -> [String] { path.components.map { "\($0.node)[\($0.index ?? -1)]" } }
        if let found = run.steps.first(where: { $0.path == path || bare($0.path) == bare(path) }) { return found.path }
        let top = path.components[0].node
        let inside = run.steps.map(\.path).filter { $0.components.first?.node == top && $0.components.count > 1 }
        throw CLIError(
            "run \(run.runID.prefix(8)) has no step `\(typed)`\n  hint: \(hint(typed, among: inside.map(\.description), listing: "its steps inside `\(top)`"))"
        )
    }
}
