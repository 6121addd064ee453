import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayStore
import Synchronization

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
            warnOnce("warning: run history and the step cache are off for this run: \(ErrorText.text(error))")
            return nil
        }
    }

    /// Commits what the run wrote. False, after an error on stderr (once), when a write failed:
    /// the command then exits 1 (`saved(_:)`), since a run missing from history is not a success.
    @discardableResult
    static func finish(_ store: RunStore?) -> Bool {
        guard let store else { return true }
        store.flush()
        guard let failure = store.writeFailure else { return true }
        warnOnce(
            "error: this run was not saved completely to \(store.path): \(failure)\n"
                + "  hint: its history is missing or partial (a full disk, a read-only file, or other processes keeping the file locked for minutes); fix that and run it again"
        )
        return false
    }

    /// Commits what the run wrote; exit 1 when any of it could not be saved.
    static func saved(_ store: RunStore?) throws {
        if !finish(store) { throw ExitStatus.runFailed.code }
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
        Models.maskSecrets(projectRoot: root.path)
        let file = RunStore.location(projectRoot: root)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIError(
                "no runs yet in \(file.deletingLastPathComponent().path); run a graph first (or give --project DIR)")
        }
        return try storeCall { try RunStore(path: file.path) }
    }

    /// The store of a project that has run something, opened only to read: the history commands
    /// never take the write lock, so runs writing at the same time neither block nor fail them.
    static func reading(project: String?, graph: String? = nil) throws -> RunStore {
        let root = root(project: project, graph: graph)
        Models.maskSecrets(projectRoot: root.path)
        let file = RunStore.location(projectRoot: root)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIError(
                "no runs yet in \(file.deletingLastPathComponent().path); run a graph first (or give --project DIR)")
        }
        return try storeCall { try RunStore(path: file.path, readOnly: true) }
    }

    /// Runs a store request; its errors become `error: …` with the hint, and exit 2.
    static func storeCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunStoreError {
            throw CLIError(ErrorText.text(error))
        }
    }

    /// Runs a graph to the end for `run`, `replay` and `rerun`: progress to stderr on a
    /// terminal (or every event as a JSON line with `events`), outputs (or the result JSON) to
    /// stdout, the summary to stderr; exit 1 unless it succeeded.
    static func drive(_ handle: RunHandle, outputs order: [String], json: Bool, events: Bool = false, store: RunStore?)
        async throws -> RunResult
    {
        let interrupt = Interrupt { handle.cancel() }
        defer { interrupt.stop() }
        var result: RunResult?
        for await event in handle.events {
            if events { Console.json(event.json.compactJSON) }
            if Console.stderrIsTerminal, !events, let line = StepLine.progress(event) { Console.err(line) }
            if case .runFinished(let finished) = event { result = finished }
        }
        let saved = finish(store)
        guard let result else { throw ExitStatus.runFailed.code }
        if json {
            Console.json(result.json().compactJSON)
        } else if !events {
            printOutputs(result, order: order)
        }
        Console.err(StepLine.summary(result))
        // After a failed write the run may be missing or partial in the store: do not point at it.
        if store != nil, saved {
            Console.err("saved as run \(result.runID.prefix(8)): patchbay show \(result.runID.prefix(8))")
        }
        if result.status != .succeeded || !saved { throw ExitStatus.runFailed.code }
        return result
    }

    static func printOutputs(_ result: RunResult, order: [String]) {
        let present =
            order.filter { result.outputs[$0] != nil } + result.outputs.keys.filter { !order.contains($0) }.sorted()
        if present.count == 1, let value = result.outputs[present[0]] {
            Console.out(Console.show(value))
            return
        }
        for name in present {
            guard let value = result.outputs[name] else { continue }
            let text = Console.show(value)
            Console.out(
                text.contains("\n")
                    ? "\(name):\n"
                        + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
                            separator: "\n") : "\(name): \(text)")
        }
    }
}
