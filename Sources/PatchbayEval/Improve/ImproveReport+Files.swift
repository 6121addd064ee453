import Foundation
import PatchbayCore

extension ImproveReport {
    /// The files the search writes beside `output` (the improved graph's path), sub-graphs
    /// first: the graph that names them is written last.
    public func files(beside output: String) -> [(path: String, text: String)] {
        (improvedSubgraphs ?? [:]).sorted { $0.key < $1.key }.map {
            (Self.path(of: $0.key, beside: output), $0.value)
        } + (improvedGraph.map { [(output, $0)] } ?? [])
    }

    /// Where a sub-graph the graph at `output` names as `field` is: beside it, unless the field
    /// is absolute (a trusted graph may name one anywhere).
    public static func path(of field: String, beside output: String) -> String {
        if field.hasPrefix("/") { return field }
        return URL(fileURLWithPath: output).deletingLastPathComponent().appendingPathComponent(field).relativePath
    }

    /// The errors `patchbay validate` would report in `files` (as `files(beside:)` gives them)
    /// before they are written: the winner was run, not validated, and a file improve writes
    /// must load.
    public static func problems(
        in files: [(path: String, text: String)], trust: GraphTrust, knownModelAliases: Set<String>?,
        knownToolServers: Set<String>?, limits: RunLimits
    ) -> [Diagnostic] {
        guard let main = files.last else { return [] }
        let loader = GraphLoader(trust: trust)
        do {
            for file in files.dropLast() { loader.register(try GraphCodec.decode(file.text, path: file.path)) }
            return GraphValidator.validate(
                try GraphCodec.decode(main.text, path: main.path), loader: loader,
                knownModelAliases: knownModelAliases, limits: limits, knownToolServers: knownToolServers
            ).filter { $0.severity == .error }
        } catch let error as GraphFileError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, .file, "\(error)", file: main.path)]
        }
    }
}
