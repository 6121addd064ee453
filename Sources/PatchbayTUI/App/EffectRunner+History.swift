import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

extension EffectRunner {
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
