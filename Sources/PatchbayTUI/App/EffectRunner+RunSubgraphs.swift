import Foundation
import PatchbayCore
import PatchbayStore

extension EffectRunner {
    /// Reads the sub-graph files a stored run ran as they are now and reports those that differ
    /// from the run's copies (or are gone), so its steps inside them say so.
    func compareSubgraphs(of stored: StoredRun, root: String) {
        send(.history(.report(.subgraphsChanged(runID: stored.id, Self.changedSubgraphs(stored, root: root)))))
    }

    /// Compared as graphs, so a file only reformatted since is the same.
    static func changedSubgraphs(_ stored: StoredRun, root: String) -> Set<String> {
        var changed: Set<String> = []
        for (file, text) in stored.subgraphs {
            let path = file.hasPrefix("/") ? file : root + "/" + file
            let then = try? GraphCodec.decode(text, path: nil).graph
            let now = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
                try? GraphCodec.decode($0, path: path).graph
            }
            if now == nil || now != then { changed.insert(file) }
        }
        return changed
    }
}
