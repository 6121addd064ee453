import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

extension EffectRunner {
    /// `DebugSession.fork`, with the run's lineage recorded (the session's own fork stores a
    /// fork as a plain run): the step's node and what follows execute again, the rest is copied.
    static func forkOptions(_ run: RunResult, at step: StepPath, plan: ExecutionPlan) throws -> RunOptions {
        let again = step.components.first.map { plan.downstream(of: $0.node) } ?? []
        guard !again.isEmpty else { throw DebugError("no node `\(step)` in this graph") }
        var options = RunOptions()
        options.forceExecute = again
        options.recorded = recorded(run, excluding: again)
        options.origin = RunOrigin(kind: .fork, parentRunID: run.runID, parentStep: step.description)
        return options
    }

    /// `DebugSession.replay`, with the run's lineage recorded.
    static func replayOptions(_ run: RunResult) -> RunOptions {
        var options = RunOptions()
        options.recorded = recorded(run, excluding: [])
        options.replayOnly = true
        options.origin = RunOrigin(kind: .replay, parentRunID: run.runID)
        return options
    }

    static func recorded(_ run: RunResult, excluding nodes: Set<String>) -> [String: Step] {
        var steps: [String: Step] = [:]
        for step in run.steps where !nodes.contains(step.path.components.first?.node ?? "") {
            steps[step.path.description] = step
        }
        return steps
    }

    /// The graph inputs a run was given, read back from its input steps.
    static func inputs(of run: RunResult) -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        for step in run.steps where step.kind == .input && step.path.components.count == 1 {
            if let value = step.inputs["value"] { inputs[step.nodeID] = value }
        }
        return inputs
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

    /// The first line of an error, and how many more there are.
    static func firstLine(_ error: any Error) -> String {
        let lines = message(error).split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.hasPrefix("  hint:") }
        guard let first = lines.first else { return message(error) }
        return String(first) + (lines.count > 1 ? " (+\(lines.count - 1) more)" : "")
    }
}
