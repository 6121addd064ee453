import Foundation

/// Finds every semantic problem in a graph file and the sub-graph files it uses, all at once.
///
/// Syntax and structure (YAML errors, a node without `kind`, duplicate ids, malformed wires) are
/// the codec's to report when it decodes; this checks what a decoded graph means: kinds, fields
/// and their types, ports and wires, types along wires, cycles, sub-graph files, jq programs and
/// templates. Each diagnostic names the file, line and column, the node (and port), and a hint.
public enum GraphValidator {
    /// Every problem in `document` and in the sub-graph files it reaches (reported with their
    /// own paths), sorted by file (the root first) and position.
    ///
    /// - Parameter knownModelAliases: the model aliases config defines; when given, an `llm`
    ///   node whose `model` is not among them is an error. Nil skips that check.
    /// - Parameter knownToolServers: the MCP servers config declares; when given, an `mcp` node
    ///   whose `server` is not among them is an error. Nil skips that check.
    /// - Parameter limits: the caps runs will have (config and `--limit`): a `loop` whose `max`
    ///   is above `loopPasses` is an error.
    public static func validate(
        _ document: GraphDocument, loader: GraphLoader, knownModelAliases: Set<String>? = nil,
        limits: RunLimits = RunLimits(), knownToolServers: Set<String>? = nil
    ) -> [Diagnostic] {
        let tree = loader.tree(from: document)
        var diagnostics = tree.diagnostics
        var jqUses: [JqUse] = []
        for file in tree.documents {
            var checker = DocumentChecker(
                document: file, loader: loader, knownModelAliases: knownModelAliases, limits: limits)
            checker.knownToolServers = knownToolServers
            checker.run()
            diagnostics += checker.diagnostics
            jqUses += checker.jqUses
        }

        // jq 1.6 compiles slowly (~15 ms): each distinct text once, in parallel.
        let failures = JqProgram.compileAll(Set(jqUses.map(\.program)))
        for use in jqUses {
            guard let error = failures[use.program] else { continue }
            diagnostics.append(
                Diagnostic(
                    .error, .syntax,
                    "jq program in \(use.what) does not compile: \(oneLine(error.message, program: use.program))",
                    hint:
                        "fix the program (`\(use.program.count > 60 ? String(use.program.prefix(57)) + "…" : use.program)`); jq's message gives the position",
                    // At the character jq stopped at when the program stands in the file as written.
                    file: use.file, location: use.spot(of: error, in: tree.documents) ?? use.location, node: use.node))
        }
        return sorted(diagnostics, fileOrder: tree.documents.compactMap(\.path))
    }

    /// jq's message on one line: it echoes the program after `line 1:`; the hint shows it.
    static func oneLine(_ message: String, program: String) -> String {
        let echoed = Set(program.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !echoed.contains($0) }
        var text = lines.joined(separator: "; ")
        while text.hasSuffix(":") { text.removeLast() }
        return text
    }

    /// By file (in `fileOrder`, others after), then line and column; unlocated ones first in
    /// their file. Ties keep the order found.
    static func sorted(_ diagnostics: [Diagnostic], fileOrder: [String]) -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for (index, path) in fileOrder.enumerated() where rank[path] == nil { rank[path] = index }
        let keyed = diagnostics.enumerated().map { offset, diagnostic in
            (diagnostic, rank[diagnostic.file ?? ""] ?? fileOrder.count, diagnostic.file ?? "", offset)
        }
        return keyed.sorted { a, b in
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            let la = a.0.location ?? SourceLocation(line: 0, column: 0)
            let lb = b.0.location ?? SourceLocation(line: 0, column: 0)
            if la != lb { return la < lb }
            return a.3 < b.3
        }.map(\.0)
    }
}

/// A jq program found in a graph, waiting to be compiled with all the others.
struct JqUse {
    var program: String
    /// Where it sits, for the message: "`jq` of node `x`", "`when` of case 2 of node `route`".
    var what: String
    var file: String?
    var location: SourceLocation?
    var node: String
}
