import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayProviders
import PatchbayStore
import PatchbayTestSupport

// bench store [persist] [eval] [runs] [RUNS]
// The run store's figures against the targets of issue 5, printed as a table, never asserted:
// persist: the engine workloads with and without the store's journal, alternating in one process;
// eval:    200 cases × 5 repeats at concurrency 8 against the fault server at 20 ms per call;
// runs:    listing the newest runs of a store holding 10,000.
enum StoreBench {
    static let parts = ["persist", "eval", "runs"]

    static func main(_ arguments: [String]) async throws {
        var chosen = arguments.filter { Int($0) == nil }
        let runs = arguments.compactMap { Int($0) }.first ?? 7
        if let unknown = chosen.first(where: { !parts.contains($0) }) {
            throw BenchError("unknown store part `\(unknown)`; parts: \(parts.joined(separator: ", "))")
        }
        if chosen.isEmpty { chosen = parts }
        var table = StoreTable()
        table.note("load average \(TUIBench.loadAverage()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for part in chosen {
            switch part {
            case "persist": try await persist(&table, folder: folder, runs: runs)
            case "eval": try await eval(&table, folder: folder)
            case "runs": try await runsList(&table, folder: folder)
            default: break
            }
        }
        table.print()
    }

    // MARK: persisting steps

    /// Each workload rotates three runs: no journal, a journal that drops what it is given
    /// (what handing steps over costs the engine) and the store's journal, so load changes hit
    /// all alike; "until committed" adds the wait until the writer has committed every step.
    static func persist(_ table: inout StoreTable, folder: URL, runs: Int) async throws {
        table.section(
            "persisting steps (median of \(runs) rotated runs each)",
            columns: ["memory ms", "stored ms", "overhead", "hand-over only", "until committed ms", "steps"])
        let store = try RunStore(path: folder.appendingPathComponent("persist.sqlite").path)
        for (name, n) in [("chain", 100), ("chain", 1000), ("fanout", 100), ("map", 1000), ("map", 10000)] {
            let workload = try Workload.make(name, n: n)
            let plan = try ExecutionPlan.build(
                workload.build(), path: "bench.graph.yaml", resolver: MemoryResolver(graphs: workload.subgraphs))
            var plain: [Double] = []
            var dropped: [Double] = []
            var stored: [Double] = []
            var committed: [Double] = []
            var steps = 0
            for i in 0..<(runs + 1) {
                // Rotated order: whichever goes later in a round tends to find caches warm.
                for variant in (0..<3).map({ ($0 + i) % 3 }) {
                    switch variant {
                    case 0:
                        let a = try await timed(plan, workload, journal: nil)
                        if i > 0 { plain.append(a.seconds) }
                    case 1:
                        let d = try await timed(plan, workload, journal: DroppingJournal())
                        if i > 0 { dropped.append(d.seconds) }
                    default:
                        let start = ContinuousClock.now
                        let b = try await timed(plan, workload, journal: store.journal)
                        store.flush()
                        steps = b.steps
                        if i > 0 {
                            stored.append(b.seconds)
                            committed.append(seconds(ContinuousClock.now - start))
                        }
                    }
                }
            }
            let p = Measure.median(plain)
            let s = Measure.median(stored)
            let d = Measure.median(dropped)
            let c = Measure.median(committed)
            table.row(
                "\(name) \(n)",
                [
                    ms(p), ms(s), String(format: "%+.1f%%", (s / p - 1) * 100),
                    String(format: "%+.1f%%", (d / p - 1) * 100), ms(c), "\(steps)",
                ])
        }
    }

    /// Takes the engine's records and keeps nothing.
    struct DroppingJournal: RunJournal {
        func runStarted(_ run: JournalRun) {}
        func stepsFinished(_ steps: [Step], runID: String) {}
        func runFinished(_ result: RunResult) {}
    }

    private static func timed(_ plan: ExecutionPlan, _ workload: Workload, journal: (any RunJournal)?) async throws -> (
        seconds: Double, steps: Int
    ) {
        let engine = Engine(environment: EngineEnvironment(cache: MemoryStepCache(), journal: journal))
        let start = ContinuousClock.now
        let handle = try engine.start(plan, inputs: workload.inputs)
        for await _ in handle.events {}
        let result = await handle.result()
        let elapsed = seconds(ContinuousClock.now - start)
        try workload.check(result)
        return (elapsed, result.steps.count)
    }

    // MARK: eval throughput

    static func eval(_ table: inout StoreTable, folder: URL) async throws {
        let cases = 200
        let repeats = 5
        let concurrency = 8
        let latency = Duration.milliseconds(Int(ProcessInfo.processInfo.environment["BENCH_LATENCY_MS"] ?? "20")!)
        table.section(
            "eval \(cases) cases × \(repeats) repeats, concurrency \(concurrency), 20 ms per model call",
            columns: ["ms", "ideal ms", "ratio", "calls"])
        let server = try await FaultServer.start(.init(reply: "yes", latency: latency))
        defer { Task { try? await server.shutdown() } }
        let provider = ProviderSettings(
            name: "fault", kind: .openai, baseURL: server.baseURL, maxConcurrency: concurrency, maxRetries: 0,
            rawCompletions: true)
        let config = ModelConfig(
            providers: ["fault": provider],
            aliases: ["default": ModelAlias(alias: "default", provider: "fault", model: "m")], prices: [:])
        let hub = ProviderHub(config: config, environment: [:], local: nil)
        // The same number of model calls without the engine or the eval: what the HTTP stack and
        // the server cost on their own, so the eval's own share can be read off.
        let model = try hub.resolve(alias: "default")
        let callsStart = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for i in stride(from: worker, to: cases * repeats, by: concurrency) {
                        _ = try? await hub.complete(
                            ModelRequest(mode: .complete, prompt: "Q: warm-up \(i)"), model: model
                        ) { _ in }
                    }
                }
            }
        }
        let callsElapsed = seconds(ContinuousClock.now - callsStart)
        let callCount = server.requestCount

        let graphText = """
            patchbay: 1
            nodes:
              q: { kind: input, type: string }
              ask: { kind: llm, model: default, mode: complete, prompt: 'Q: {{q}}' }
              a: { kind: output, type: string }
            wires:
              - q -> ask.q
              - ask.text -> a
            """
        let document = try GraphCodec.decode(graphText, path: folder.appendingPathComponent("e.graph.yaml").path)
        let plan = try ExecutionPlan.build(document.graph, path: document.path, resolver: nil)
        let casesPath = folder.appendingPathComponent("e.cases.jsonl")
        let lines = (0..<cases).map {
            #"{"id": "c\#($0)", "inputs": {"q": "question \#($0)"}, "expect": {"contains": "yes"}}"#
        }
        try lines.joined(separator: "\n").write(to: casesPath, atomically: true, encoding: .utf8)
        let suite = try EvalSuite.load(path: casesPath.path, inputs: plan.inputs, outputs: plan.outputs)

        let store = try RunStore(path: folder.appendingPathComponent("eval.sqlite").path)
        var options = EvalOptions()
        options.repeats = repeats
        options.concurrency = concurrency
        let environment = EngineEnvironment(models: hub, cache: store.cache, journal: store.journal)
        let runner = EvalRunner(
            evalID: "bench", suite: suite, variants: [EvalVariant(name: "e", plan: plan, graphHash: "bench")],
            options: options,
            environment: environment)
        let start = ContinuousClock.now
        let report = await runner.run { _ in }
        store.flush()
        let elapsed = seconds(ContinuousClock.now - start)
        let ideal = Double(cases * repeats) * 0.020 / Double(concurrency)
        table.row(
            "model calls alone (no engine, no eval)",
            [ms(callsElapsed), ms(ideal), String(format: "%.2f×", callsElapsed / ideal), "\(callCount)"])
        table.row(
            "the eval, every run stored",
            [ms(elapsed), ms(ideal), String(format: "%.2f×", elapsed / ideal), "\(server.requestCount - callCount)"])
        if report.samples.count != cases * repeats { throw BenchError("eval returned \(report.samples.count) samples") }
        await hub.shutdown()
    }

    // MARK: listing runs

    static func runsList(_ table: inout StoreTable, folder: URL) async throws {
        table.section(
            "listing runs of a store holding 10,000 (50,000 steps)", columns: ["median ms", "p95 ms", "rows"])
        // The store lives in a project folder of its own, so scripts/bench-store.sh can time the
        // `patchbay runs --project` command on it afterwards.
        let project = folder.appendingPathComponent("runs-10k")
        let store = try RunStore.open(projectRoot: project)
        let workload = Workload.chain(3)
        let plan = try ExecutionPlan.build(
            workload.build(), path: project.appendingPathComponent("chain.graph.yaml").path, resolver: nil)
        let engine = Engine(environment: EngineEnvironment(cache: nil, journal: store.journal))
        for _ in 0..<10_000 { _ = try await engine.run(plan, inputs: workload.inputs) }
        store.flush()
        for (name, graph) in [("newest 20", nil as String?), ("newest 20 of one graph", plan.path)] {
            var rows = 0
            let samples = TUISamples.time(30) { rows = (try? store.runs(graphPath: graph, limit: 20))?.count ?? -1 }
            table.row(name, [ms(samples.median), ms(samples.p95), "\(rows)"])
        }
        if let keep = ProcessInfo.processInfo.environment["BENCH_KEEP_STORE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: project, to: URL(fileURLWithPath: keep))
        }
    }

    private static func ms(_ s: Double) -> String { String(format: "%.2f", s * 1000) }
}

/// Sections of rows as Markdown tables; the store figures are compared by eye against the
/// targets in docs/performance.md, so there is no verdict column.
struct StoreTable {
    private var out = ""

    mutating func note(_ text: String) { out += text + "\n" }

    mutating func section(_ title: String, columns: [String]) {
        out +=
            "\n\(title)\n\n| | \(columns.joined(separator: " | ")) |\n|---|\(String(repeating: "---|", count: columns.count))\n"
    }

    mutating func row(_ name: String, _ values: [String]) {
        out += "| \(name) | \(values.joined(separator: " | ")) |\n"
    }

    func print() { FileHandle.standardOutput.write(Data(out.utf8)) }
}
