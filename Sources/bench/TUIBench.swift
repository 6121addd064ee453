import Foundation
import PatchbayCore
import PatchbayTUI

// bench tui [frame] [keys] [trace] [flush] [--show]
// The workbench benchmarks (release build): figures printed as a table, never asserted.
// With no part, runs frame, keys and trace in this process; run `trace` alone for its own
// peak memory (scripts/bench-tui.sh does). `--show` writes each measured screen to stderr.

/// The workbench's frame, keystroke and trace-memory figures against the targets of issue 4.
/// Not on the main actor: `HeadlessWorkbench` is driven from one task, as the tests drive it.
enum TUIBench {
    static let parts = ["frame", "keys", "trace", "flush"]
    /// Set once from the arguments before anything is measured.
    nonisolated(unsafe) static var show = false

    static func main(_ arguments: [String]) async throws {
        var chosen = arguments
        if let i = chosen.firstIndex(of: "--show") {
            show = true
            chosen.remove(at: i)
        }
        if let unknown = chosen.first(where: { !parts.contains($0) }) {
            throw BenchError("unknown tui part `\(unknown)`; parts: \(parts.joined(separator: ", "))")
        }
        if chosen.isEmpty { chosen = ["frame", "keys", "trace"] }
        var table = TUITable()
        table.note("load average \(loadAverage()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for part in chosen {
            switch part {
            case "frame": try frame(&table)
            case "keys": try await keys(&table)
            case "trace": try await trace(&table)
            case "flush": table = await TUIFlush.run(table)
            default: break
            }
        }
        table.print()
    }

    // MARK: a) one frame of a 500-node graph

    static func frame(_ table: inout TUITable) throws {
        let graph = TUIGraphs.layered(count: 500)
        for (width, height) in [(120, 40), (200, 60)] {
            // Ten nodes down from the input, so the viewport follows the selection into the
            // middle of the graph (a fresh state's viewport is at the layout's top-left corner).
            func state(_ graph: Graph) -> AppState {
                var state = AppState(
                    document: DocumentState(graph: graph, path: "layered.graph.yaml", fingerprint: nil), width: width,
                    height: height,
                    now: Date(timeIntervalSince1970: 1_800_000_000), layouts: LayoutCatalog.builtIn)
                for _ in 0..<10 { _ = AppReducer.reduce(&state, .key(.char("j"))) }
                return state
            }
            // First frames: the layout is memoized (one entry) by graph value, so each first
            // frame gets a graph of its own (the same 500 nodes under another title) and lays
            // it out; the last state made is left out, its layout being the memoized one.
            let fresh = (0..<24).map { i -> AppState in
                var copy = graph
                copy.title = "layered 500 #\(i)"
                return state(copy)
            }
            for i in 0..<3 { _ = Screen().render(fresh[i]) }
            var next = 3
            let first = TUISamples.time(20) {
                _ = Screen().render(fresh[next])
                next += 1
            }
            let state = state(graph)
            table.row("frame, 500 nodes, \(width)x\(height), first (layout included)", first, target: 16)
            let screen = Screen()
            for _ in 0..<20 { _ = screen.render(state) }
            let later = TUISamples.time(200) { _ = screen.render(state) }
            table.row("frame, 500 nodes, \(width)x\(height), later (layout cached)", later, target: 16)
            if show { FileHandle.standardError.write(Data((screen.render(state).text + "\n").utf8)) }
        }
    }

    // MARK: b) keystroke to updated screen

    static func keys(_ table: inout TUITable) async throws {
        let sample = try TUIGraphs.sample("summarize.graph.yaml")
        let graphs: [(String, Graph, String)] = [
            ("500 nodes", TUIGraphs.layered(count: 500), "layered.graph.yaml"),
            ("summarize sample", sample.graph, sample.path),
        ]
        for (name, graph, path) in graphs {
            let workbench = HeadlessWorkbench(
                WorkbenchSetup(
                    graph: graph, path: path, fingerprint: nil, environment: EngineEnvironment(), modelAliases: nil,
                    layouts: LayoutCatalog.builtIn),
                width: 120, height: 40)
            await workbench.settle()
            var key = Key.char("j")
            var visited = Set<String>()
            // `j` moves down; where it cannot move, the next press is `k` and back, so every
            // press changes the selection (or at least tries to) as a person's would.
            func press() async {
                let before = workbench.state.editing.selection
                await workbench.press(key)
                _ = workbench.buffer
                if workbench.state.editing.selection == before { key = key == .char("j") ? .char("k") : .char("j") }
                if let selection = workbench.state.editing.selection { visited.insert(selection) }
            }
            for _ in 0..<20 { await press() }
            let samples = await TUISamples.timeAsync(200) { await press() }
            table.row(
                "key j → screen (reduce + render), \(name), 120x40", samples, target: 30,
                detail: "\(visited.count) nodes visited")
            if show { FileHandle.standardError.write(Data((workbench.buffer.text + "\n").utf8)) }
            await workbench.shutdown()
        }
    }

    // MARK: c) a 10,000-item map's trace

    static func trace(_ table: inout TUITable) async throws {
        let directory = NSTemporaryDirectory() + "patchbay-bench-tui-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let items = 10_000
        let (graph, path) = try TUIGraphs.writeMap(items: items, in: directory)
        let before = PeakMemory.megabytes()
        let workbench = HeadlessWorkbench(
            WorkbenchSetup(
                graph: graph, path: path, fingerprint: nil, environment: EngineEnvironment(cache: MemoryStepCache()),
                modelAliases: nil, layouts: LayoutCatalog.builtIn, layoutName: "debug"),
            width: 120, height: 40)
        await workbench.settle()
        await workbench.press(.char("r"))
        guard workbench.state.popups.stack.count == 1 else { throw BenchError("`r` did not open the inputs form") }
        let start = ContinuousClock.now
        await workbench.press(.enter)
        let finished = await workbench.wait(timeout: .seconds(600)) { !$0.run.active && $0.run.result != nil }
        let runSeconds = seconds(ContinuousClock.now - start)
        guard finished, workbench.state.run.result?.status == .succeeded else {
            throw BenchError(
                "the map run did not succeed: \(workbench.state.run.result?.status.rawValue ?? "unfinished")")
        }
        let steps = workbench.state.run.steps.count
        for _ in 0..<PaneID.allCases.count where workbench.state.focus != .trace { await workbench.press(.tab) }
        guard workbench.state.focus == .trace else { throw BenchError("no trace pane in the debug layout") }
        for _ in 0..<20 {
            await workbench.press(.char("j"))
            _ = workbench.buffer
        }
        let frames = TUISamples.time(200) { _ = workbench.buffer }
        var key = Key.char("j")
        let moves = await TUISamples.timeAsync(200) {
            await workbench.press(key)
            _ = workbench.buffer
            key = key == .char("j") ? .pageDown : .char("j")
        }
        await workbench.press(.char("G"))
        let bottom = TUISamples.time(50) { _ = workbench.buffer }
        if show { FileHandle.standardError.write(Data((workbench.buffer.text + "\n").utf8)) }
        // The same state in a layout without a trace pane: what the trace pane itself costs.
        await workbench.press(.char(":"))
        await workbench.type("layout default")
        await workbench.press(.enter)
        let withoutTrace = workbench.state.layoutName == "default" ? TUISamples.time(50) { _ = workbench.buffer } : nil
        let peak = PeakMemory.megabytes()
        table.row("trace frame, \(steps) steps, 120x40 (render only)", frames, target: 16)
        table.row("trace key j / PgDn → screen, \(steps) steps", moves, target: 30)
        table.row("trace frame at the bottom (G), \(steps) steps", bottom, target: 16)
        if let withoutTrace {
            table.row("same state, default layout (no trace pane)", withoutTrace, target: 16, detail: "diagnostic")
        }
        table.memory(
            "peak RSS showing a \(items)-item map's trace (\(steps) steps)", peak, target: 150,
            detail: String(format: "%.1f MB before opening; run %.2f s through the workbench", before, runSeconds))
        await workbench.shutdown()
    }

    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
