import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation

/// Loads, validates and compiles a graph file for a command; every problem goes to stderr
/// at once and the command exits with 2.
struct LoadedGraph {
    let document: GraphDocument
    let loader: GraphLoader
    let plan: ExecutionPlan
    /// The files this command trusts: the trust list, plus this graph with `--trust`.
    let trust: GraphTrust
    /// The run limits it was validated against (config and `--limit`); runs of it get them too.
    let limits: RunLimits
    /// Warnings found (printed on stderr as they are found); errors stop the command instead.
    var warnings = 0

    /// The folder config (`patchbay.toml`) and file nodes are relative to.
    var projectRoot: URL { ProjectFolder.containing(document.path ?? FileManager.default.currentDirectoryPath) }

    /// `aliases`: the model aliases config defines, so a typo in `model:` is a validation error.
    /// `trusted`: `--trust` was given for this graph (the file itself, not its sub-graphs).
    /// `limits`: a `loop` whose `max` is above `limits.loopPasses` is refused.
    /// `servers`: the MCP servers config declares, so a typo in an `mcp` node's `server` is one too.
    static func load(
        _ path: String, aliases: Set<String>? = nil, servers: Set<String>? = nil, trusted: Bool = false,
        limits: RunLimits = RunLimits()
    ) throws -> LoadedGraph {
        let checked = check(path, aliases: aliases, servers: servers, trusted: trusted, limits: limits)
        for text in checked.report { Console.err(text) }
        guard let graph = checked.graph else { throw ExitStatus.invalid.code }
        return graph
    }

    /// What loading found, before anything is printed: `validate --json` prints the diagnostics
    /// as data; `load` prints the report.
    struct Checked {
        /// Nil when the graph cannot be run.
        var graph: LoadedGraph?
        /// Every problem found, warnings too.
        var diagnostics: [Diagnostic]
        /// What `load` prints on stderr, in order: warnings are printed even when the graph loads.
        var report: [String]
    }

    static func check(
        _ path: String, aliases: Set<String>? = nil, servers: Set<String>? = nil, trusted: Bool = false,
        limits: RunLimits = RunLimits()
    ) -> Checked {
        let trust = Trust.graphs(flagged: trusted ? [path] : [])
        let loader = GraphLoader(trust: trust)
        let document: GraphDocument
        do {
            document = try loader.load(path)
        } catch let error as GraphFileError {
            return Checked(diagnostics: error.diagnostics, report: [error.rendered(hint: HintText.commandLine)])
        } catch {
            let text = ErrorText.text(error)
            return Checked(
                diagnostics: [Diagnostic(.error, .file, text, file: path)], report: ["\(path): error: \(text)"])
        }
        let problems = GraphValidator.validate(
            document, loader: loader, knownModelAliases: aliases, limits: limits, knownToolServers: servers)
        var checked = Checked(diagnostics: problems, report: [])
        // Warnings do not stop anything, but nobody sees them unless they are printed.
        if !problems.isEmpty {
            checked.report.append(problems.map { $0.rendered(hint: HintText.commandLine) }.joined(separator: "\n"))
        }
        if problems.contains(where: { $0.severity == .error }) {
            checked.report.append("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path)")
            return checked
        }
        do {
            let plan = try ExecutionPlan.build(document.graph, path: document.path, resolver: loader)
            checked.graph = LoadedGraph(
                document: document, loader: loader, plan: plan, trust: trust, limits: limits, warnings: problems.count)
        } catch {
            checked.diagnostics +=
                (error as? GraphFileError)?.diagnostics ?? [
                    Diagnostic(.error, .field, ErrorText.text(error), file: path)
                ]
            checked.report.append(ErrorText.text(error))
        }
        return checked
    }
}
