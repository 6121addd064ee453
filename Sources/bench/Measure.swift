import Foundation
import PatchbayCore

/// Times one workload through the real runner: build the Graph, compile the plan, one untimed
/// warm-up run, then `runs` timed runs, each checked. Every run goes through `Engine.start` and
/// its event stream is drained, as a front end would.
struct Measure {
    let workload: Workload
    let runs: Int
    /// Whether each run gets a fresh, empty `MemoryStepCache` (what a first run sees) or none.
    let useCache: Bool
    /// Whether the event stream is drained (as every front end does). Off only to measure
    /// what the stream costs: the events are then buffered and never read.
    var consumeEvents = true

    func run() async throws -> Record {
        let t0 = ContinuousClock.now
        let graph = workload.build()
        let t1 = ContinuousClock.now
        let plan = try ExecutionPlan.build(
            graph, path: "bench.graph.yaml", resolver: MemoryResolver(graphs: workload.subgraphs))
        let t2 = ContinuousClock.now

        var last = try check(await once(plan))
        var times: [Double] = []
        var cpu: [Double] = []
        var work: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let cpuStart = CPUTime.seconds()
            let run = try await once(plan)
            times.append(seconds(ContinuousClock.now - start))
            cpu.append(CPUTime.seconds() - cpuStart)
            // Checking the result and summing its step times is the benchmark's own work, and
            // the previous result is released here too: neither is part of the timed run.
            last = try check(run)
            work.append(last.work)
        }
        times.sort()
        let median = Self.median(times)
        var record = Record(workload: workload.name, n: workload.n)
        record["compile_s"] = .seconds(seconds(t2 - t1))
        record["invoke_median_s"] = .seconds(median)
        record["per_node_us"] = .micros(median / Double(workload.nodesExecuted) * 1e6)
        record["build_s"] = .seconds(seconds(t1 - t0))
        record["invoke_min_s"] = .seconds(times.first ?? 0)
        record["invoke_max_s"] = .seconds(times.last ?? 0)
        // CPU time of the whole process (every thread) during a run: what the engine costs
        // regardless of what else the machine is doing; wall time is what a user waits.
        record["invoke_cpu_median_s"] = .seconds(Self.median(cpu))
        // The nodes' own work: the time their steps spent executing (container nodes left out,
        // their inner steps count), per node as the peers count nodes. For a sequential
        // workload, per_node_us minus this is the engine's share.
        record["node_work_us"] = .micros(Self.median(work) / Double(workload.nodesExecuted) * 1e6)
        record["runs"] = .int(runs)
        record["nodes_executed"] = .int(workload.nodesExecuted)
        record["peak_rss_mb"] = .megabytes(PeakMemory.megabytes())
        record["steps"] = .int(last.steps)
        record["events"] = .int(last.events)
        record["cache"] = .text(useCache ? "fresh" : "none")
        if workload.name == "tools" {
            // The figure: a whole call (its model turn and its tool step) in ms.
            record["per_call_ms"] = .millis(median / Double(workload.n) * 1e3)
        }
        if !consumeEvents { record["events_consumed"] = .text("no (diagnostic)") }
        return record
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    private struct Outcome {
        var steps: Int
        var events: Int
        var work: Double
        var result: RunResult
    }

    /// One timed run: start, drain the events, take the result.
    private func once(_ plan: ExecutionPlan) async throws -> (RunResult, events: Int) {
        let engine = Engine(
            environment: EngineEnvironment(
                models: workload.models ?? UnconfiguredModelProvider(), cache: useCache ? MemoryStepCache() : nil,
                tools: workload.tools))
        let handle = try engine.start(plan, inputs: workload.inputs)
        var events = 0
        if consumeEvents {
            for await _ in handle.events { events += 1 }
        }
        return (await handle.result(), events)
    }

    private func check(_ run: (RunResult, events: Int)) throws -> Outcome {
        let result = run.0
        try workload.check(result)
        // Steps with steps below them (an llm node's tool loop: its turns and calls) count
        // through those, as container nodes do.
        let parents = Set(
            result.steps.lazy.map(\.path.components).filter { $0.count > 1 }.map { StepPath($0.dropLast()) })
        let work = result.steps.reduce(0) { $0 + ($1.kind.hasSubgraph || parents.contains($1.path) ? 0 : $1.duration) }
        return Outcome(steps: result.steps.count, events: run.events, work: work, result: result)
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

enum CPUTime {
    /// User plus system CPU time of this process so far, every thread counted.
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

enum PeakMemory {
    /// VmHWM from /proc/self/status: the process's peak resident set, in MB (0 where unavailable).
    static func megabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}

/// One JSON line with fields in a fixed order (the peers' order first), rounded like the peers.
struct Record {
    enum Value {
        case seconds(Double)
        case micros(Double)
        case millis(Double)
        case megabytes(Double)
        case int(Int)
        case text(String)

        var json: String {
            switch self {
            case .seconds(let s): rounded(s, 6)
            case .micros(let us): rounded(us, 3)
            case .millis(let ms): rounded(ms, 4)
            case .megabytes(let mb): rounded(mb, 1)
            case .int(let i): String(i)
            case .text(let t): JSONValue.string(t).compactJSON
            }
        }

        private func rounded(_ x: Double, _ places: Int) -> String {
            String(format: "%.\(places)f", x)
        }
    }

    private var fields: [(String, Value)]

    init(workload: String, n: Int) {
        fields = [("workload", .text(workload)), ("n", .int(n))]
    }

    subscript(key: String) -> Value? {
        get { fields.first { $0.0 == key }?.1 }
        set {
            guard let newValue else {
                fields.removeAll { $0.0 == key }
                return
            }
            if let i = fields.firstIndex(where: { $0.0 == key }) {
                fields[i].1 = newValue
            } else {
                fields.append((key, newValue))
            }
        }
    }

    var json: String {
        "{" + fields.map { "\(JSONValue.string($0.0).compactJSON): \($0.1.json)" }.joined(separator: ", ") + "}"
    }
}
