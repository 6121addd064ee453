import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayStore
import Synchronization

/// `--project DIR`, shared by the history commands.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project whose history to use (default: the graph's project, else the current folder's).", valueName: "dir"))
    var project: String?
}

/// The project's run store as the CLI uses it: opened for runs (falling back to memory with one
/// warning), or required by the history commands.
enum ProjectStore {
    private static let warned = Mutex(false)

    /// The store runs of this project write to; nil, after one warning, when it cannot be opened
    /// (a read-only folder): the run goes on with an in-memory cache and no history.
    static func forRunning(projectRoot: URL) -> RunStore? {
        do {
            return try RunStore.open(projectRoot: projectRoot)
        } catch {
            warnOnce("warning: run history and the step cache are off for this run: \(error)")
            return nil
        }
    }

    /// Commits what the run wrote; says so when a write failed.
    static func finish(_ store: RunStore?) {
        guard let store else { return }
        store.flush()
        if let failure = store.writeFailure { warnOnce("warning: part of this run was not saved to \(store.path): \(failure)") }
    }

    private static func warnOnce(_ text: String) {
        let first = warned.withLock { done in
            defer { done = true }
            return !done
        }
        if first { Console.err(text) }
    }

    /// The project folder: `--project DIR` (or the project DIR is in), else GRAPH's project, else
    /// the current folder's.
    static func root(project: String?, graph: String? = nil) -> URL {
        if let project {
            let folder = URL(fileURLWithPath: project, isDirectory: true)
            return ProjectFolder.containing(folder.appendingPathComponent("patchbay.toml").path)
        }
        if let graph { return ProjectFolder.containing(graph) }
        return URL(fileURLWithPath: Models.currentProjectRoot, isDirectory: true)
    }

    /// The store of a project that has run something; a clear error when it has none yet.
    static func existing(project: String?, graph: String? = nil) throws -> RunStore {
        let root = root(project: project, graph: graph)
        let file = RunStore.location(projectRoot: root)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIError("no runs yet in \(file.deletingLastPathComponent().path); run a graph first (or give --project DIR)")
        }
        return try storeCall { try RunStore(path: file.path) }
    }

    /// Runs a store request; its errors become `error: …` with the hint, and exit 2.
    static func storeCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunStoreError {
            throw CLIError(error.description)
        }
    }

    /// Runs a graph to the end the way `run` does: progress to stderr on a terminal, outputs
    /// (or the result JSON) to stdout, the summary to stderr; exit 1 unless it succeeded.
    static func drive(_ handle: RunHandle, outputs order: [String], json: Bool, store: RunStore?) async throws -> RunResult {
        let interrupt = Interrupt { handle.cancel() }
        defer { interrupt.stop() }
        var result: RunResult?
        for await event in handle.events {
            if Console.stderrIsTerminal, let line = StepLine.progress(event) { Console.err(line) }
            if case .runFinished(let finished) = event { result = finished }
        }
        finish(store)
        guard let result else { throw ExitStatus.runFailed.code }
        if json {
            Console.out(result.json().compactJSON)
        } else {
            printOutputs(result, order: order)
        }
        Console.err(StepLine.summary(result))
        if store != nil { Console.err("saved as run \(result.runID.prefix(8)): patchbay show \(result.runID.prefix(8))") }
        if result.status != .succeeded { throw ExitStatus.runFailed.code }
        return result
    }

    static func printOutputs(_ result: RunResult, order: [String]) {
        let present = order.filter { result.outputs[$0] != nil } + result.outputs.keys.filter { !order.contains($0) }.sorted()
        if present.count == 1, let value = result.outputs[present[0]] {
            Console.out(Console.show(value))
            return
        }
        for name in present {
            guard let value = result.outputs[name] else { continue }
            Console.out(HistoryFormat.field(name, value, indent: ""))
        }
    }
}

/// How history is shown: times, durations, money, and the JSON of a summary.
enum HistoryFormat {
    static func when(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "-" }
        if seconds < 1 { return String(format: "%.0fms", seconds * 1000) }
        if seconds < 120 { return String(format: "%.2fs", seconds) }
        return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }

    static func cost(_ dollars: Double) -> String {
        dollars == 0 ? "-" : String(format: "$%.4f", dollars)
    }

    static func tokens(_ usage: TokenUsage) -> String {
        usage.inputTokens + usage.outputTokens == 0 ? "-" : "\(usage.inputTokens)→\(usage.outputTokens)"
    }

    /// The graph file relative to the project root when inside it.
    static func graph(_ summary: RunSummary, root: URL) -> String {
        guard let path = summary.graphPath else { return TerminalText.escape(summary.title ?? "(in memory)", keepNewlines: false) }
        let base = root.standardizedFileURL.path + "/"
        return TerminalText.escape(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path, keepNewlines: false)
    }

    /// Where a run comes from, in a few words: `fork of 1a2b3c4d at ask`, `eval 9f8e case c1 #2`.
    static func origin(_ summary: RunSummary) -> String {
        let o = summary.origin
        let parent = o.parentRunID.map { String($0.prefix(8)) } ?? "?"
        switch o.kind {
        case .run: return "run"
        case .rerun: return "rerun of \(parent)"
        case .replay: return "replay of \(parent)"
        case .fork: return "fork of \(parent)" + (o.parentStep.map { " at \(TerminalText.escape($0, keepNewlines: false))" } ?? "")
        case .eval:
            var text = "eval \(o.evalID.map { String($0.prefix(8)) } ?? "?")"
            if let caseID = o.caseID { text += " case \(TerminalText.escape(caseID, keepNewlines: false))" }
            if summary.sample > 0 { text += " #\(summary.sample)" }
            return text
        }
    }

    static func json(_ s: RunSummary) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(s.id), "seq": .number(Double(s.seq)), "graph_hash": .string(s.graphHash),
            "status": .string(s.status.rawValue), "started_at": .string(timestamp(s.startedAt)),
            "origin": .string(s.origin.kind.rawValue), "sample": .number(Double(s.sample)),
            "steps": .number(Double(s.stepCount)), "executed": .number(Double(s.executed)), "cached": .number(Double(s.cached)),
            "usage": s.usage.json, "cost_usd": .number(s.cost),
        ]
        if let path = s.graphPath { o["graph_path"] = .string(path) }
        if let title = s.title { o["title"] = .string(title) }
        if let finished = s.finishedAt { o["finished_at"] = .string(timestamp(finished)) }
        if let duration = s.duration { o["duration_ms"] = .number((duration * 1000).rounded()) }
        if let parent = s.origin.parentRunID { o["parent_run"] = .string(parent) }
        if let step = s.origin.parentStep { o["parent_step"] = .string(step) }
        if let eval = s.origin.evalID { o["eval_id"] = .string(eval) }
        if let caseID = s.origin.caseID { o["case_id"] = .string(caseID) }
        if let error = s.errorMessage { o["error"] = .string(error) }
        return .object(o)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }

    /// `name: value`, or `name:` and the value indented below it when it spans lines.
    static func field(_ name: String, _ value: JSONValue, indent: String = "  ") -> String {
        let text = Console.show(value)
        guard text.contains("\n") else { return "\(indent)\(name): \(text)" }
        return "\(indent)\(name):\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + $0 }.joined(separator: "\n")
    }
}
