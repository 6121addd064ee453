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
    static func load(
        _ path: String, aliases: Set<String>? = nil, trusted: Bool = false, limits: RunLimits = RunLimits()
    ) throws -> LoadedGraph {
        let trust = Trust.graphs(flagged: trusted ? [path] : [])
        let loader = GraphLoader(trust: trust)
        let document: GraphDocument
        do {
            document = try loader.load(path)
        } catch let error as GraphFileError {
            Console.err(error.rendered(hint: HintText.commandLine))
            throw ExitStatus.invalid.code
        } catch {
            Console.err("\(path): error: \(ErrorText.text(error))")
            throw ExitStatus.invalid.code
        }
        let problems = GraphValidator.validate(document, loader: loader, knownModelAliases: aliases, limits: limits)
        if problems.contains(where: { $0.severity == .error }) {
            Console.err(problems.map { $0.rendered(hint: HintText.commandLine) }.joined(separator: "\n"))
            Console.err("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path)")
            throw ExitStatus.invalid.code
        }
        // Warnings do not stop anything, but nobody sees them unless they are printed.
        if !problems.isEmpty {
            Console.err(problems.map { $0.rendered(hint: HintText.commandLine) }.joined(separator: "\n"))
        }
        do {
            let plan = try ExecutionPlan.build(document.graph, path: document.path, resolver: loader)
            return LoadedGraph(
                document: document, loader: loader, plan: plan, trust: trust, limits: limits, warnings: problems.count)
        } catch {
            Console.err(ErrorText.text(error))
            throw ExitStatus.invalid.code
        }
    }
}
