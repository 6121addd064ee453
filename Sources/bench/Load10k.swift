import Foundation
import PatchbayCore

/// `load10k N`: the YAML text of an N-node chain of template and jq nodes (a handful of distinct
/// programs, as a real large graph repeats a few), then the time to decode and validate it, as
/// `patchbay validate` does. Generating the text is not timed.
struct LoadWorkload {
    let n: Int
    let runs: Int

    static let programs = [". + \"!\"", "ascii_downcase", "ltrimstr(\"item \")", ".[0:200]", "tostring"]

    func text() -> String {
        var out = "patchbay: 1\ntitle: generated \(n)-node chain\nnodes:\n  start: { kind: input, type: string }\n"
        var wires = "wires:\n"
        var previous = "start"
        for i in 0..<n {
            let id = "n\(i)"
            if i % 2 == 0 {
                let program = Self.programs[(i / 2) % Self.programs.count]
                out += "  \(id):\n    kind: jq\n    description: step \(i)\n    jq: '\(program)'\n"
                wires += "  - \(previous) -> \(id)\n"
            } else {
                out += "  \(id):\n    kind: template\n    template: 'item {{text}} #\(i % 7)'\n"
                wires += "  - \(previous) -> \(id).text\n"
            }
            previous = id
        }
        out += "  end: { kind: output }\n"
        wires += "  - \(previous) -> end\n"
        return out + wires
    }

    func run() throws -> Record {
        let yaml = text()
        var decodeTimes: [Double] = []
        var totalTimes: [Double] = []
        var document: GraphDocument?
        var cold = (decode: 0.0, total: 0.0)
        for attempt in 0...runs {
            let t0 = ContinuousClock.now
            let decoded = try GraphCodec.decode(yaml, path: "load10k.graph.yaml")
            let t1 = ContinuousClock.now
            let problems = validate(decoded)
            let t2 = ContinuousClock.now
            if let error = problems.first { throw BenchError("generated graph is invalid: \(error)") }
            guard decoded.graph.nodes.count == n + 2 else {
                throw BenchError("decoded \(decoded.graph.nodes.count) nodes, expected \(n + 2)")
            }
            document = decoded
            if attempt == 0 {
                // What one `patchbay validate` process sees: jq programs compiled for the first time.
                cold = (seconds(t1 - t0), seconds(t2 - t0))
            } else {
                decodeTimes.append(seconds(t1 - t0))
                totalTimes.append(seconds(t2 - t0))
            }
        }
        // Compiling for a run is not part of the target, but worth knowing for a graph this size.
        let c0 = ContinuousClock.now
        _ = try ExecutionPlan.build(document!.graph, path: "load10k.graph.yaml", resolver: nil)
        let compile = seconds(ContinuousClock.now - c0)

        let median = Measure.median(totalTimes)
        var record = Record(workload: "load10k", n: n)
        record["compile_s"] = .seconds(compile)
        record["load_validate_cold_s"] = .seconds(cold.total)
        record["decode_cold_s"] = .seconds(cold.decode)
        record["load_validate_median_s"] = .seconds(median)
        record["decode_median_s"] = .seconds(Measure.median(decodeTimes))
        record["validate_median_s"] = .seconds(median - Measure.median(decodeTimes))
        record["load_validate_min_s"] = .seconds(totalTimes.min() ?? 0)
        record["load_validate_max_s"] = .seconds(totalTimes.max() ?? 0)
        record["per_node_us"] = .micros(median / Double(n + 2) * 1e6)
        record["yaml_bytes"] = .int(yaml.utf8.count)
        record["runs"] = .int(runs)
        record["peak_rss_mb"] = .megabytes(PeakMemory.megabytes())
        return record
    }
}

extension LoadWorkload {
    /// What `patchbay validate` does after decoding: every semantic check, jq compiled once per text.
    func validate(_ document: GraphDocument) -> [String] {
        GraphValidator.validate(document, loader: GraphLoader())
            .filter { $0.severity == .error }
            .map(\.description)
    }
}
