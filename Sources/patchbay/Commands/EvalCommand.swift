import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayMCP
import PatchbayPresentation
import PatchbayProviders
import PatchbayStore
import Synchronization

/// `patchbay eval GRAPH --cases FILE …` and `patchbay eval merge FILE…`.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure how often a graph gets its cases right, and compare variants.",
        discussion: """
            patchbay eval GRAPH --cases FILE [--repeat N] [--concurrency K] [--variant OTHER]… \
            [--min-pass P] [--shard I/N] [--fresh] [--json] [--out FILE]   (options: patchbay eval run --help)
            patchbay eval merge FILE… [--json] [--min-pass P]
            Samples are cached like runs: a second eval reuses the first one's samples, and after \
            editing one node pays only for what changed. --fresh draws new samples.
            """,
        subcommands: [EvalRunCommand.self, EvalMergeCommand.self],
        defaultSubcommand: EvalRunCommand.self)
}

/// Options the report commands share.
struct EvalReportOptions: ParsableArguments {
    @Flag(help: "Print the report as JSON (samples, per-variant summaries, comparisons).")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Exit 1 when the graph's pass rate is below P: a fraction from 0 to 1 (0.8) or a percentage with % (80%). The point estimate is compared, not the interval.",
            valueName: "P"))
    var minPass: String?

    @Option(help: ArgumentHelp("Write the report JSON to FILE (what `eval merge` reads).", valueName: "file"))
    var out: String?

    func validate() throws {
        if let minPass, EvalText.threshold(minPass) == nil {
            throw ValidationError(
                "--min-pass must be a fraction from 0 to 1 or a percentage with %: give 0.8 or 80%, not `\(minPass)`")
        }
    }

    /// Prints and writes the report; exits 1 below --min-pass or when the eval stopped early.
    func finish(_ report: EvalReport, title: String, saved: String?) throws {
        let data: Data
        do { data = try EvalText.json(report) } catch { throw CLIError("cannot encode the report: \(error)") }
        if let out {
            do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError("cannot write --out \(out): \(error.localizedDescription)")
            }
        }
        if json {
            Console.json(String(decoding: data, as: UTF8.self))
        } else {
            Console.out(EvalReportText.report(report, title: title))
        }
        if let saved { Console.err(saved) }
        if !report.complete { throw ExitStatus.runFailed.code }
        if let minPass, let threshold = EvalText.threshold(minPass) {
            let main = report.summary()
            if main.passRate < threshold {
                Console.err(
                    "pass rate \(EvalText.percent(main.passRate)) is below --min-pass \(EvalText.percent(threshold))")
                throw ExitStatus.runFailed.code
            }
        }
    }
}

struct EvalRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a graph on every case of a cases file, N times each, and report pass rates.",
        discussion: """
            Cases come from NAME.cases.yaml, .jsonl or .csv (see docs/eval.md). Each sample is a \
            stored run (`patchbay runs`, `patchbay show`). The report goes to stdout, progress to \
            stderr. Samples are cached like runs (node, inputs, model, sample index): a second eval \
            reuses the first one's samples, and after editing one node pays only for what changed; \
            --fresh draws new ones. Exit 0; 1 below --min-pass or when stopped early; 2 for a bad \
            graph, cases file or judge alias.
            """)

    @Argument(help: "The graph file to evaluate.")
    var graph: String

    @Option(help: ArgumentHelp("The cases file (.cases.yaml, .jsonl or .csv).", valueName: "file"))
    var cases: String

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Samples per case: each a real run with its own cache key. (\(OptionRange.evalRepeat.text)) (default: \(EvalDefaults.standard.repeats))",
            valueName: "n"))
    var `repeat`: Int?

    // Optional, so an absent flag takes the config's ``EvalDefaults`` (the workbench's too);
    // the help names the default as ArgumentParser would.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Most samples running at once. (\(OptionRange.evalConcurrency.text)) (default: \(EvalDefaults.standard.concurrency))",
            valueName: "n"))
    var concurrency: Int?

    @Option(
        name: .customLong("variant"),
        help: ArgumentHelp("Another graph to run on the same cases and compare.", valueName: "graph"))
    var variants: [String] = []

    @Option(
        help: ArgumentHelp(
            "Run only shard I of N: case k (from 0, file order) is in shard (k mod N) + 1.", valueName: "I/N"))
    var shard: String?

    @Option(
        help: ArgumentHelp(
            "The model alias for judge checks that name none (default: the cases file's `judge:`, else `judge` when configured, else `default`). An alias that is not configured is an error.",
            valueName: "alias"))
    var judge: String?

    @Flag(
        help:
            "Draw new samples: reuse nothing from the cache (by default a sample is cached by node, inputs, model and sample index, so an eval after editing one node pays only for what changed)."
    )
    var fresh = false

    @Flag(
        help:
            "Trust the main graph file for this eval (not the variants, nor sub-graphs: trust those with `patchbay trust FILE`): its command nodes may run programs, it may write outside out/."
    )
    var trust = false

    @Flag(help: "Keep no history: no stored runs, no persistent cache.")
    var noStore = false

    @OptionGroup var report: EvalReportOptions
    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if let `repeat` { try OptionRange.evalRepeat.check(`repeat`) }
        if let concurrency { try OptionRange.evalConcurrency.check(concurrency) }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, like 1/4; got `\(shard)`")
        }
    }

    func run() async throws {
        let models = try Models.load(forGraph: graph, options: modelOptions)
        let paths = [graph] + variants
        // --trust trusts the main graph only: a variant is someone else's graph until trusted itself.
        let loaded = try paths.indices.map {
            try LoadedGraph.load(
                paths[$0], aliases: models.aliases, servers: models.toolServers, trusted: trust && $0 == 0,
                limits: models.config.limits)
        }
        let graphs = zip(paths, loaded).map { path, graph in
            EvalSession.Graph(path: path, plan: graph.plan, graphHash: graph.document.graph.contentHash)
        }
        let suite: EvalSuite
        do { suite = try EvalSession.loadSuite(path: cases, for: graphs) } catch let mismatch
            as EvalSession.SuiteMismatch
        {
            Console.err(
                mismatch.problems.map { graph, error in
                    error.description + (paths.count > 1 ? " (against \(EvalText.clean(paths[graph])))" : "")
                }.joined(separator: "\n"))
            throw ExitStatus.invalid.code
        }
        let request = EvalRequest(
            repeats: `repeat`, concurrency: concurrency, shard: shard.flatMap(Shard.init(parsing:)), judgeAlias: judge,
            fresh: fresh)
        try await models.using { hub in
            // Judges are checked against the bare hub, before the store is opened.
            let session = EvalSession(
                suite: suite, graphs: graphs, request: request, defaults: EvalDefaults(config: models.config),
                environment: EngineEnvironment(models: hub))
            // Unknown judges are `execute`'s to report, with the configured aliases.
            let judges = session.judgeAliases.filter { (try? hub.resolve(alias: $0.alias)) != nil }
            for (index, graph) in loaded.enumerated() {
                try models.refuseUnready(graph, aliases: index == 0 ? judges : [])
            }
            try await execute(session, main: loaded[0], paths: paths, models: hub, tools: models.tools)
        }
    }

    private func execute(
        _ session: EvalSession, main: LoadedGraph, paths: [String], models: ProviderHub, tools: MCPHub
    ) async throws {
        var session = session
        do { try session.checkJudges(configured: Array(models.config.aliases.keys)) } catch {
            Console.err(error.description)
            throw ExitStatus.invalid.code
        }
        let store = noStore ? nil : ProjectStore.forRunning(projectRoot: main.projectRoot)
        var environment = EngineEnvironment.forCLI(main, models: models, tools: tools, human: nil)
        if let store {
            environment.journal = store.journal
            environment.cache = store.cache
        }
        session.environment = environment
        let running = session
        // The signal handler ends with the samples, before storing: a slow store must not be cut
        // off by the handler's grace period after a Ctrl-C.
        let handler = InterruptSlot()
        let task = Task {
            await running.run(progress: Self.showProgress) { result in
                handler.stop()
                return Self.save(result, to: store, paths: paths)
            }
        }
        let interrupt = Interrupt { task.cancel() }
        handler.set(interrupt)
        let (result, (runsSaved, saved)) = await task.value
        interrupt.stop()
        try report.finish(
            result, title: paths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " vs "),
            saved: saved)
        // Samples missing from history: the error is out already; not a success.
        if !runsSaved { throw ExitStatus.runFailed.code }
    }

    /// Ends the progress line, then stores the samples' runs and the eval's record, the runs
    /// first so the record never names runs the store lacks. Returns whether every run was
    /// stored, and the line saying where the record is (nil: none stored).
    @Sendable static func save(_ result: EvalReport, to store: RunStore?, paths: [String]) -> (Bool, String?) {
        if Console.stderrIsTerminal { Console.control(.clearLine, to: .standardError) }
        let runsSaved = ProjectStore.finish(store)
        guard let store else { return (runsSaved, nil) }
        let record = EvalRecord(
            result, graphPath: URL(fileURLWithPath: paths[0]).standardizedFileURL.path,
            variants: paths.dropFirst().map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        do {
            try store.saveEval(record)
            let id = result.evalID.prefix(8)
            return (runsSaved, "saved as eval \(id): patchbay evals show \(id)")
        } catch {
            Console.err("warning: the eval was not saved: \(error)")
            return (runsSaved, nil)
        }
    }

    /// One line on stderr, rewritten in place: samples done and the pass rate so far.
    @Sendable static func showProgress(_ p: EvalProgress) {
        guard Console.stderrIsTerminal else { return }
        let rate = p.done == 0 ? "-" : EvalText.percent(Double(p.passed) / Double(p.done))
        Console.control(.clearLine, to: .standardError)
        Console.write("  eval: \(p.done)/\(p.total) samples · \(rate) passing · \(p.failed) failed", to: .standardError)
    }
}

struct EvalMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the --out files of every --shard run of one eval into one report.",
        discussion: "The shards must have run the same cases file, graphs and --repeat, and all of 1..N must be given.")

    @Argument(help: "Report files written by `patchbay eval … --shard I/N --out FILE`.")
    var files: [String]

    @OptionGroup var report: EvalReportOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the report files of every shard") }
    }

    func run() async throws {
        var reports: [EvalReport] = []
        for file in files {
            do {
                reports.append(try EvalReport.decode(Data(contentsOf: URL(fileURLWithPath: file))))
            } catch {
                throw CLIError(
                    "\(file): not an eval report: \(error.localizedDescription)\n  hint: give the files written by `patchbay eval … --out FILE`"
                )
            }
        }
        let merged: EvalReport
        do { merged = try EvalMerge.merge(reports) } catch { throw CLIError("\(error)") }
        try report.finish(merged, title: merged.variants.map(\.name).joined(separator: " vs "), saved: nil)
    }
}

/// The running eval's ``Interrupt``, stopped from the session's save callback.
private final class InterruptSlot: Sendable {
    private let slot = Mutex<Interrupt?>(nil)
    func set(_ interrupt: Interrupt) { slot.withLock { $0 = interrupt } }
    func stop() { slot.withLock { $0?.stop() } }
}
