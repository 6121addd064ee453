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

    func run() async throws -> Record {
        let t0 = ContinuousClock.now
        let graph = workload.build()
        let t1 = ContinuousClock.now
        let plan = try ExecutionPlan.build(graph, path: "bench.graph.yaml", resolver: MemoryResolver(graphs: workload.subgraphs))
        let t2 = ContinuousClock.now

        var last = try await once(plan)
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            last = try await once(plan)
            times.append(seconds(ContinuousClock.now - start))
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        var record = Record(workload: workload.name, n: workload.n)
        record["compile_s"] = .seconds(seconds(t2 - t1))
        record["invoke_median_s"] = .seconds(median)
        record["per_node_us"] = .micros(median / Double(workload.nodesExecuted) * 1e6)
        record["build_s"] = .seconds(seconds(t1 - t0))
        record["invoke_min_s"] = .seconds(times.first ?? 0)
        record["invoke_max_s"] = .seconds(times.last ?? 0)
        record["runs"] = .int(runs)
        record["nodes_executed"] = .int(workload.nodesExecuted)
        record["peak_rss_mb"] = .megabytes(PeakMemory.megabytes())
        record["steps"] = .int(last.steps)
        record["events"] = .int(last.events)
        record["cache"] = .text(useCache ? "fresh" : "none")
        return record
    }

    private struct Outcome { var steps: Int; var events: Int }

    private func once(_ plan: ExecutionPlan) async throws -> Outcome {
        let engine = Engine(environment: EngineEnvironment(cache: useCache ? MemoryStepCache() : nil))
        let handle = try engine.start(plan, inputs: workload.inputs)
        var events = 0
        for await _ in handle.events { events += 1 }
        let result = await handle.result()
        try workload.check(result)
        return Outcome(steps: result.steps.count, events: events)
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
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
        case seconds(Double), micros(Double), megabytes(Double), int(Int), text(String)

        var json: String {
            switch self {
            case .seconds(let s): rounded(s, 6)
            case .micros(let us): rounded(us, 3)
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
            guard let newValue else { fields.removeAll { $0.0 == key }; return }
            if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = newValue } else { fields.append((key, newValue)) }
        }
    }

    var json: String {
        "{" + fields.map { "\(JSONValue.string($0.0).compactJSON): \($0.1.json)" }.joined(separator: ", ") + "}"
    }
}
