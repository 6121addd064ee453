import Foundation
import PatchbayCore

extension EffectRunner {
    /// Saves sub-graph files an edit changed, as `:w` saves the graph (atomically; a YAML file's
    /// leading comments and a JSON file's format kept), each read first so undo can put its text
    /// back. An edit made inside an entered sub-graph is refused when the file no longer holds the
    /// graph shown (changed on disk since): it is never silently overwritten. Stops at the first
    /// that cannot be read, is changed or cannot be written; reports what it saved and why it
    /// stopped.
    func saveSubgraphs(_ edits: [SubgraphEdit]) {
        var saved: [SubgraphEdit] = []
        var failure: String?
        for var edit in edits {
            do {
                guard let data = FileManager.default.contents(atPath: edit.path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    failure = "Cannot read \(edit.path) as UTF-8 text: it was not changed"
                    break
                }
                if let previous = edit.previous, (try? GraphCodec.decode(text, path: edit.path).graph) != previous {
                    failure =
                        "\(PathText.fileName(edit.path)) changed on disk since it was opened: it was not changed (Esc, then Enter reads it again)"
                    break
                }
                edit.before = text
                try GraphFile.save(edit.graph, to: edit.path, expecting: FileFingerprint(bytes: data))
                saved.append(edit)
            } catch {
                failure = Self.message(error)
                break
            }
        }
        subgraphsChanged(saved.map(\.path))
        send(.editing(.report(.subgraphsSaved(saved, failed: failure))))
    }

    /// Puts each file's text before the edit back (undo).
    func restoreSubgraphs(_ edits: [SubgraphEdit]) {
        for edit in edits {
            guard let before = edit.before else { continue }
            do { try GraphFile.restore(before, to: edit.path) } catch {
                send(.message(Self.message(error), .error))
            }
        }
        subgraphsChanged(edits.map(\.path))
    }
}
