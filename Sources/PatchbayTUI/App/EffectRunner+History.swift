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

    /// The first line of an error, and how many more there are.
    static func firstLine(_ error: any Error) -> String {
        let lines = message(error).split(separator: "\n", omittingEmptySubsequences: true).filter {
            !$0.hasPrefix("  hint:")
        }
        guard let first = lines.first else { return message(error) }
        return String(first) + (lines.count > 1 ? " (+\(lines.count - 1) more)" : "")
    }
}
