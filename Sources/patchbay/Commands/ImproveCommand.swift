import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayMCP
import PatchbayPresentation
import PatchbayProviders
import PatchbayStore

/// `patchbay improve GRAPH --cases FILE`: search for rearrangements that make a graph pass more
/// often, prove each on held-out cases, write the winner beside the graph.
struct ImproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "improve",
        abstract: "Search for changes that make a graph pass its cases more often, and write the winner.",
        discussion: """
            Splits the cases into train, dev and test (seeded, stratified by expected output), tries moves on \
            each llm node (top-level, or in a top-level node's sub-graph) — few-shot examples drawn from passing train runs, sampling with a majority \
            vote, temperature, the --models you list, the --try prompts you give, an output schema — measures \
            each on dev, keeps a move only when its gain's 95% interval is above zero, combines the kept ones, \
            and measures the winner once on test. Writes NAME.improved.graph.yaml beside GRAPH and prints its \
            diff. The search is stored (`patchbay evals`; `patchbay improve --show ID` prints it again). \
            Ctrl-C or a budget stops it with the best so far. docs/improve.md.
            """)

    @Argument(help: "The graph file to improve.")
    var graph: String?

    @Option(help: ArgumentHelp("The cases file (.cases.yaml, .jsonl or .csv).", valueName: "file"))
    var cases: String?

    @Option(help: ArgumentHelp("Train/dev/test shares of the cases (default 50/25/25).", valueName: "a/b/c"))
    var split: String?

    @Option(
        help: ArgumentHelp(
            "Dev cases from their own file (with --test; the --cases are then train).", valueName: "file"))
    var dev: String?

    @Option(help: ArgumentHelp("Test cases from their own file (with --dev).", valueName: "file"))
    var test: String?

    @Option(help: "Seeds the split and the draws of examples.")
    var seed: UInt64 = 1

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: ArgumentHelp("Samples per dev and test case for each candidate. (1 to 20)", valueName: "n"))
    var repeats = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Most samples running at once. (1 to 64)", valueName: "n"))
    var concurrency = 4

    @Option(help: ArgumentHelp("Model aliases to try on each llm node, comma-separated.", valueName: "a,b"))
    var models: String?

    @Option(
        name: .customLong("try"),
        help: ArgumentHelp(
            "A prompt to try on a node: NODE.prompt=@FILE (or =TEXT). Repeatable.", valueName: "node.prompt=@file"))
    var tries: [String] = []

    @Option(
        help: ArgumentHelp(
            "The kinds of move to try, comma-separated: \(ImproveMove.kinds.joined(separator: ", ")) (default: all).",
            valueName: "kinds"))
    var moves: String?

    @Option(help: ArgumentHelp("Stop after about N model calls (cache hits are free).", valueName: "n"))
    var budgetCalls: Int?

    @Option(help: ArgumentHelp("Stop after spending USD (when the back ends know their prices).", valueName: "usd"))
    var budgetCost: Double?

    @Option(help: ArgumentHelp("Stop after this long: 90s, 30m, 1h.", valueName: "time"))
    var budgetTime: String?

    @Flag(help: "Overwrite NAME.improved.graph.yaml when it exists.")
    var force = false

    @Flag(help: "Print the search as JSON.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Print a stored search again (an id, a prefix or `last`) instead of running one.", valueName: "id"))
    var show: String?

    @Flag(help: "Trust the graph file for this search: its command nodes may run programs.")
    var trust = false

    @Flag(help: "Keep no history: no stored runs, no persistent cache.")
    var noStore = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if show != nil { return }
        guard graph != nil, cases != nil else { throw ValidationError("give GRAPH and --cases FILE (or --show ID)") }
        _ = try arguments()
    }

    /// The flags read as the workbench reads `:improve`'s words (`ImproveArguments`): one
    /// reading, one wording of what is wrong.
    func arguments() throws -> ImproveArguments {
        let given: [(String, String?)] =
            [
                ("split", split), ("dev", dev), ("test", test), ("seed", String(seed)), ("repeat", String(repeats)),
                ("concurrency", String(concurrency)), ("moves", moves), ("models", models),
                ("budget-calls", budgetCalls.map(String.init)), ("budget-cost", budgetCost.map { "\($0)" }),
                ("budget-time", budgetTime),
            ] + tries.map { ("try", $0) }
        var arguments = ImproveArguments()
        do {
            for case (let option, let value?) in given { try arguments.set(option, value) }
            try arguments.check()
        } catch { throw ValidationError(error.text { "--" + $0 }) }
        return arguments
    }

    func run() async throws {
        if let show { return try reprint(show) }
        let graph = graph!
        let output = Self.outputPath(graph)
        if FileManager.default.fileExists(atPath: output), !force {
            throw CLIError("\(output) exists\n  hint: pass --force to overwrite it, or move it away")
        }
        let config = try Models.load(forGraph: graph, options: modelOptions)
        let loaded = try LoadedGraph.load(
            graph, aliases: config.aliases, servers: config.toolServers, trusted: trust, limits: config.config.limits)
        let main = EvalSession.Graph(path: graph, plan: loaded.plan, graphHash: loaded.document.graph.contentHash)
        let suite = try Self.suite(cases!, for: main)
        let arguments = try arguments()
        var split: CaseSplit?
        if let dev = arguments.dev, let test = arguments.test {
            split = CaseSplit(
                train: suite.cases, dev: try Self.suite(dev, for: main).cases,
                test: try Self.suite(test, for: main).cases)
        }
        let options: ImproveOptions
        do {
            try arguments.checkModels(known: config.aliases)
            options = try arguments.options(ImproveOptions()) { try String(contentsOfFile: $0, encoding: .utf8) }
        } catch { throw CLIError(error.text { "--" + $0 }) }
        try config.refuseUnready(loaded, aliases: options.models.map { ($0, "--models") })
        try await config.using { hub in
            let store = noStore ? nil : ProjectStore.forRunning(projectRoot: loaded.projectRoot)
            var environment = EngineEnvironment.forCLI(loaded, models: hub, tools: config.tools, human: nil)
            if let store {
                environment.journal = store.journal
                environment.cache = store.cache
            }
            let session = ImproveSession(
                graph: loaded.document.graph, path: graph, suite: suite, split: split, options: options,
                environment: environment, resolver: loaded.loader)
            for node in loaded.document.graph.nodes where node.kind?.hasSubgraph == true {
                guard let field = node.fields["graph"]?.stringValue else { continue }
                let path = ImproveReport.path(of: ImproveSession.improvedName(field), beside: output)
                if FileManager.default.fileExists(atPath: path), !force {
                    throw CLIError(
                        "\(path) exists (improve writes the sub-graph of `\(node.id)` there if it changes it)\n  hint: pass --force to overwrite it, or move it away"
                    )
                }
            }
            let task = Task { await session.run(progress: Self.showProgress) }
            let interrupt = Interrupt { task.cancel() }
            let report = await task.value
            interrupt.stop()
            if Console.stderrIsTerminal { Console.control(.clearLine, to: .standardError) }
            _ = ProjectStore.finish(store)
            var saved: String?
            if let store {
                do {
                    try store.saveEval(
                        EvalRecord(report, graphPath: URL(fileURLWithPath: graph).standardizedFileURL.path))
                    saved = "saved as eval \(report.id.prefix(8)): patchbay improve --show \(report.id.prefix(8))"
                } catch {
                    Console.err("warning: the search was not saved: \(error)")
                }
            }
            let problems = ImproveReport.problems(
                in: report.files(beside: output), trust: Trust.graphs(flagged: trust ? [graph, output] : []),
                knownModelAliases: config.aliases, knownToolServers: config.toolServers, limits: loaded.limits)
            try finish(report, original: loaded.document.graph, output: output, saved: saved, problems: problems)
        }
    }

    private func finish(
        _ report: ImproveReport, original: Graph, output: String, saved: String?, problems: [Diagnostic]
    ) throws {
        for (path, text) in problems.isEmpty ? report.files(beside: output) : [] {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw CLIError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        if json {
            Console.json(String(decoding: try Self.encode(report), as: UTF8.self))
        } else {
            Console.out(ImproveReportText.report(report, title: URL(fileURLWithPath: graph ?? "").lastPathComponent))
            if let text = report.improvedGraph, problems.isEmpty {
                Console.out("\nwrote \(output):")
                for line in LineDiff.unified(GraphCodec.encode(original), text) { Console.out("  " + line) }
                for (relative, text) in (report.improvedSubgraphs ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let path = ImproveReport.path(of: relative, beside: output)
                    let before =
                        original.nodes.compactMap { $0.fields["graph"]?.stringValue }.first {
                            ImproveSession.improvedName($0) == relative
                        } ?? relative
                    let old =
                        (try? GraphCodec.decode(
                            String(contentsOfFile: ImproveReport.path(of: before, beside: output), encoding: .utf8),
                            path: before
                        ).graph)
                        .map(GraphCodec.encode) ?? ""
                    Console.out("wrote \(path):")
                    for line in LineDiff.unified(old, text) { Console.out("  " + line) }
                }
            }
        }
        if let saved { Console.err(saved) }
        if !problems.isEmpty {
            Console.err(problems.map { $0.rendered(hint: HintText.commandLine) }.joined(separator: "\n"))
            Console.err(
                "error: \(output) was not written: the winner does not validate (improve ran it but made a file that does not load)\n  hint: this is a bug in patchbay improve; report it with the problems above"
            )
            throw ExitStatus.runFailed.code
        }
        if report.stopped != nil && report.candidates.isEmpty { throw ExitStatus.runFailed.code }
    }

    private func reprint(_ ref: String) throws {
        let store = try ProjectStore.reading(project: storeOptions.project)
        let record = try ProjectStore.storeCall { try store.eval(ref) }
        guard let report = record.improveReport else {
            throw CLIError(
                "eval \(record.id.prefix(8)) is an eval, not an improve search\n  hint: patchbay evals show \(record.id.prefix(8))"
            )
        }
        if json {
            Console.json(String(decoding: try Self.encode(report), as: UTF8.self))
        } else {
            Console.out(
                ImproveReportText.report(report, title: URL(fileURLWithPath: record.graphPath).lastPathComponent))
        }
    }

    @Sendable static func showProgress(_ progress: ImproveProgress) {
        guard Console.stderrIsTerminal else {
            if let c = progress.candidate {
                Console.err(
                    "\(c.accepted ? "✓" : "·") \(TerminalText.escape(c.label, keepNewlines: false)): dev \(ImproveReportText.rate(c.dev)) (\(c.reason))"
                )
            }
            return
        }
        Console.control(.clearLine, to: .standardError)
        let what =
            progress.candidate.map { TerminalText.escape($0.label, keepNewlines: false) } ?? progress.phase.rawValue
        Console.write(
            "  improve: \(progress.phase.rawValue) · best dev \(ImproveReportText.rate(progress.best)) · \(progress.calls) calls · \(what)",
            to: .standardError)
    }

    static func encode(_ report: ImproveReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(report) } catch { throw CLIError("cannot encode the search: \(error)") }
    }

    static func suite(_ path: String, for graph: EvalSession.Graph) throws -> EvalSuite {
        do { return try EvalSession.loadSuite(path: path, for: [graph]) } catch let mismatch
            as EvalSession.SuiteMismatch
        {
            Console.err(mismatch.problems.map(\.error.description).joined(separator: "\n"))
            throw ExitStatus.invalid.code
        }
    }

    /// `dir/classify.graph.yaml` → `dir/classify.improved.graph.yaml`.
    static func outputPath(_ graph: String) -> String {
        let url = URL(fileURLWithPath: graph)
        return url.deletingLastPathComponent().appendingPathComponent(
            ImproveSession.improvedName(url.lastPathComponent)
        )
        .relativePath
    }
}
