import Foundation
import PatchbayCore
import PatchbayProviders
import PatchbayStore

/// Which graph files a command trusts: those named with `--trust` on its command line, and the
/// user's trust list. Decided per file: sub-graphs and eval variants are not the named file.
enum Trust {
    /// `flagged`: the files `--trust` stands for (the graph the command names, not its variants
    /// or sub-graphs); `unsavedGraphs`: whether `--trust` also covers a graph with no file.
    static func graphs(flagged: [String], unsavedGraphs: Bool = false) -> GraphTrust {
        TrustList.load().graphTrust(alsoTrusting: flagged, unsavedGraphs: unsavedGraphs)
    }
}

extension EngineEnvironment {
    /// The CLI's environment: project folder of the graph, trust from the flag and the trust list,
    /// and the project's run store (history and the persistent cache) when one is given; without
    /// it, a cache in memory and no history. Runs get the limits the graph was validated with.
    static func forCLI(
        _ loaded: LoadedGraph, models: any ModelProvider, tools: (any ToolProvider)?, human: (any HumanResponder)?,
        store: RunStore? = nil
    ) -> EngineEnvironment {
        var environment = EngineEnvironment(
            models: models, cache: store?.cache ?? MemoryStepCache(), projectRoot: loaded.projectRoot,
            trust: loaded.trust, human: human, journal: store?.journal, tools: tools)
        environment.limits = loaded.limits
        return environment
    }
}
