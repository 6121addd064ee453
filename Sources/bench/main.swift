import Foundation
import PatchbayCore

// bench [--no-cache] [--ignore-events] [WORKLOAD N [RUNS]]
// Prints one JSON line per workload on stdout (fields as in shared/bench/peers); exit 1 on a
// wrong result. With no workload, runs chain 100, chain 1000, fanout 100, map 1000, map 10000
// and load10k 10000 in this one process (run map 10000 alone for its own peak memory).

let usage = """
    usage: bench [--no-cache] [--ignore-events] [WORKLOAD N [RUNS]]
      WORKLOAD: chain | fanout | map | tools | load10k; RUNS defaults to 5
           bench tui [frame] [keys] [trace] [flush] [--show]   (the workbench: TUIBench.swift)
           bench store [persist] [eval] [runs] [RUNS]          (the run store: StoreBench.swift)
      --no-cache        run without a step cache (default: a fresh empty MemoryStepCache per run)
      --ignore-events   diagnostic: don't read the event stream (every front end reads it)
    """

var arguments = Array(CommandLine.arguments.dropFirst())
// The workbench and store benchmarks print tables of their own.
let suites: [String: @Sendable ([String]) async throws -> Void] = ["tui": TUIBench.main, "store": StoreBench.main]
if let first = arguments.first, let suite = suites[first] {
    do {
        try await suite(Array(arguments.dropFirst()))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("bench: error: \(error)\n".utf8))
        exit(1)
    }
}
var useCache = true
if let i = arguments.firstIndex(of: "--no-cache") {
    useCache = false
    arguments.remove(at: i)
}
var consumeEvents = true
if let i = arguments.firstIndex(of: "--ignore-events") {
    consumeEvents = false
    arguments.remove(at: i)
}
if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
    print(usage)
    exit(0)
}

let specs: [(String, Int)]
var runs = 5
switch arguments.count {
case 0:
    specs = [("chain", 100), ("chain", 1000), ("fanout", 100), ("map", 1000), ("map", 10000), ("load10k", 10000)]
case 2, 3:
    guard let n = Int(arguments[1]), n > 0, arguments.count == 2 || Int(arguments[2]).map({ $0 > 0 }) == true else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
    if arguments.count == 3 { runs = Int(arguments[2])! }
    specs = [(arguments[0], n)]
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}

do {
    for (name, n) in specs {
        let record: Record
        if name == "load10k" {
            record = try LoadWorkload(n: n, runs: runs).run()
        } else {
            var measure = Measure(workload: try Workload.make(name, n: n), runs: runs, useCache: useCache)
            measure.consumeEvents = consumeEvents
            record = try await measure.run()
        }
        // Written straight to fd 1, so each line is out before the next workload starts.
        FileHandle.standardOutput.write(Data((record.json + "\n").utf8))
    }
} catch {
    FileHandle.standardError.write(Data("bench: error: \(error)\n".utf8))
    exit(1)
}
