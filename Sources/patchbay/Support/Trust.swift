import Foundation
import PatchbayCore
import PatchbayStore

/// Which graphs may run `command` nodes: `--trust`, or the user's trust list.
enum Trust {
    static var listPath: String {
        let base = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.config")
        return base + "/patchbay/trusted"
    }

    static func isTrusted(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: listPath, encoding: .utf8) else { return false }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == absolute }
    }
}

extension EngineEnvironment {
    /// The CLI's environment: project folder of the graph, trust from the flag or the trust list,
    /// and the project's run store (history and the persistent cache) when one is given; without
    /// it, a cache in memory and no history.
    static func forCLI(
        _ loaded: LoadedGraph, models: any ModelProvider, trusted: Bool, human: (any HumanResponder)?, store: RunStore? = nil
    ) -> EngineEnvironment {
        let path = loaded.document.path ?? FileManager.default.currentDirectoryPath
        return EngineEnvironment(
            models: models, cache: store?.cache ?? MemoryStepCache(), projectRoot: loaded.projectRoot,
            commandsTrusted: trusted || Trust.isTrusted(path), human: human, journal: store?.journal)
    }
}
