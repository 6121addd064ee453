import Foundation
import PatchbayCore
import PatchbayStore

/// The sub-graph files a stored run ran, as it ran them (the store keeps their texts): a step
/// inside a `map`, `loop` or `graph` node shows its node's config from them, not from the file
/// as it is now, and says when that file has changed since.
public struct RunSubgraphs: Sendable, Equatable {
    /// By path relative to the project, as stored (absolute for a file outside it).
    public var graphs: [String: Graph] = [:]
    /// Files (keys of `graphs`) that differ now or are gone; filled once the workbench has read
    /// them (`HistoryReport.subgraphsChanged`).
    public var changed: Set<String> = []

    public init() {}

    /// The stored texts that read (one that no longer decodes is left out: nothing is shown
    /// rather than something that may not be what ran).
    public init(_ stored: StoredRun) {
        for (file, text) in stored.subgraphs {
            if let graph = try? GraphCodec.decode(text, path: nil).graph { graphs[file] = graph }
        }
    }

    /// The files a run of the session's plan runs (`ExecutionPlan.subgraphs`, by absolute path):
    /// the session's own run resolves its sub-graph steps as a stored run does.
    public init(planned: [String: Graph]) {
        for (file, graph) in planned { graphs[GraphLoader.absolutePath(file)] = graph }
    }

    /// The node a step inside sub-graphs ran (`each[2]/inner[0]/ask`: `ask` of the file `inner`
    /// names in the file `each` names) and the file holding it; nil for a top-level step, a step
    /// of a tool loop, or a file this run did not store. `top` is the run's graph, `topPath` its
    /// file (absolute, as the run store keeps it).
    public func node(at path: StepPath, top: Graph, topPath: String?) -> (node: Node, file: String)? {
        guard path.components.count > 1 else { return nil }
        var graph = top
        var file = topPath
        var key: String?
        for component in path.components.dropLast() {
            guard let parent = graph[component.node], parent.kind?.hasSubgraph == true,
                let named = parent["graph"]?.stringValue, let found = match(named, in: file),
                let sub = graphs[found.key]
            else { return nil }
            graph = sub
            file = found.absolute
            key = found.key
        }
        guard let key, let node = graph[path.node] else { return nil }
        return (node, key)
    }

    /// The file at `path` (absolute) now holds `graph` (nil: it does not read, or is gone):
    /// whether the run's copy of it differs changes accordingly.
    mutating func written(_ path: String, _ graph: Graph?) {
        // The session's run keeps standardized absolute paths (`init(planned:)`).
        let path = GraphLoader.absolutePath(path)
        for key in graphs.keys where path == key || path.hasSuffix("/" + key) {
            if graph.map({ $0 != graphs[key] }) ?? true { changed.insert(key) } else { changed.remove(key) }
        }
    }

    /// The stored file `named` (a `graph:` field) means in the file at `parent`: the key whose
    /// path ends the resolved one (keys are relative to the project, which the run's absolute
    /// path holds somewhere); the longest such key when several do.
    func match(_ named: String, in parent: String?) -> (key: String, absolute: String)? {
        let folder = parent.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        let absolute: String
        if let folder {
            absolute = URL(fileURLWithPath: named, relativeTo: folder).standardizedFileURL.path
        } else {
            absolute = "/" + named
        }
        let key = graphs.keys.filter { absolute == $0 || absolute.hasSuffix("/" + $0) }.max { $0.count < $1.count }
        return key.map { ($0, absolute) }
    }
}

extension HistoryReducer {
    /// After any action: sub-graph files the workbench is about to write (an edit inside a
    /// sub-graph saved, or undone) change whether the shown run's copies differ, so its steps
    /// inside them say so at once, without reading the files again.
    static func afterEffects(_ state: inout AppState, _ effects: [Effect]) {
        guard let ran = state.runHistory.ranSubgraphs, !ran.subgraphs.graphs.isEmpty else { return }
        var subgraphs = ran.subgraphs
        for effect in effects {
            switch effect {
            case .saveSubgraphs(let edits):
                for edit in edits { subgraphs.written(edit.path, edit.graph) }
            case .restoreSubgraphs(let edits):
                for edit in edits {
                    subgraphs.written(edit.path, edit.before.flatMap { try? GraphCodec.decode($0, path: nil).graph })
                }
            case .writeSubgraph(let graph, let path):
                subgraphs.written(path, graph)
            default: continue
            }
        }
        guard subgraphs != ran.subgraphs else { return }
        if state.runHistory.shown != nil {
            state.runHistory.shown?.subgraphs = subgraphs
        } else {
            state.runHistory.sessionSubgraphs = subgraphs
        }
    }
}
