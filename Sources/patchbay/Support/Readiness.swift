import Foundation
import PatchbayCore
import PatchbayPresentation

extension Models {
    /// Refuses a run at once (exit 2) when something it needs is missing here: a model alias's
    /// key or the local model, trust for a `command` node or an MCP server (`RunReadiness`).
    /// `aliases`: more aliases the run needs, with the option that named them.
    func refuseUnready(
        _ document: GraphDocument, loader: GraphLoader, trust: GraphTrust,
        aliases: [(alias: String, namedBy: String)] = [], only: Set<String>? = nil
    ) throws {
        let problems = RunReadiness.problems(
            document, loader: loader, models: hub, tools: tools, trust: trust, aliases: aliases, only: only)
        guard !problems.isEmpty else { return }
        Console.err(ReadinessText.refusal(problems, voice: HintText.commandLine))
        throw ExitStatus.invalid.code
    }

    func refuseUnready(_ loaded: LoadedGraph, aliases: [(alias: String, namedBy: String)] = []) throws {
        try refuseUnready(loaded.document, loader: loaded.loader, trust: loaded.trust, aliases: aliases)
    }
}
