import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

extension EffectRunner {
    /// Once, before the session's first run: the newest stored run of this graph file the user
    /// started (not an eval sample or improve candidate, among the runs pane's newest), steps
    /// and all, so "What changed?" has something to compare the first run with. Here, not on
    /// the draw path: a stored run's steps are read from SQLite.
    func readStoredPrevious() {
        guard !storedPreviousRead, let store, let documentPath else { return }
        storedPreviousRead = true
        let finished: Set<StoredRunStatus> = [.succeeded, .failed, .cancelled]
        guard
            let summary = try? store.runs(graphPath: documentPath, limit: HistoryState.limit).first(where: {
                $0.origin.kind != .eval && $0.origin.evalID == nil && finished.contains($0.status)
            }),
            let stored = try? store.run(summary.id)
        else { return }
        send(.run(.report(.storedPrevious(StoredPreviousRun(seq: summary.seq, result: stored.result)))))
    }

    /// A cases path as typed: absolute, else beside the graph, else in the current folder.
    static func resolveCases(_ path: String, documentPath: String?) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return NSHomeDirectory() + String(path.dropFirst(1)) }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let beside = documentPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? cwd
        let candidates = [beside, cwd].map { $0.appendingPathComponent(path).standardizedFileURL.path }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    /// An error for the status line: its message without the hint (problems of a graph: the
    /// first, and how many more there are).
    static func firstLine(_ error: any Error) -> String {
        switch error {
        case let error as GraphFileError:
            guard let first = error.diagnostics.first else { return message(error) }
            let more = error.diagnostics.count > 1 ? " (+\(error.diagnostics.count - 1) more)" : ""
            return TerminalText.escape(first.message) + more
        case let error as EvalSuiteError:
            guard var first = error.problems.first else { return message(error) }
            first.hint = nil
            let more = error.problems.count + error.notShown - 1
            return first.description + (more > 0 ? " (+\(more) more)" : "")
        case let error as any HintedError:
            return error.message
        default:
            let lines = message(error).split(separator: "\n", omittingEmptySubsequences: true)
            guard let first = lines.first else { return message(error) }
            return String(first) + (lines.count > 1 ? " (+\(lines.count - 1) more)" : "")
        }
    }
}
