import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayProviders

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check graph files and report every problem, as file:line:column: error: message.")

    @Argument(help: "Graph files.")
    var files: [String]

    @Flag(help: "Check the files as trusted graphs (not their sub-graphs): their `graph:` paths may leave the project.")
    var trust = false

    @Flag(
        help:
            "Print one JSON document: each file with `ok` and its diagnostics (severity, kind, message, file, line, column, node, port, hint, suggestions)."
    )
    var json = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        if json { return try runJSON() }
        var failed = false
        for file in files {
            do {
                let loaded = try Self.load(file, options: modelOptions, trusted: trust)
                Console.out(
                    "\(file): ok"
                        + (loaded.warnings == 0
                            ? "" : " (\(loaded.warnings) warning\(loaded.warnings == 1 ? "" : "s"))"))
            } catch is ExitCode {
                failed = true  // already reported on stderr
            }
        }
        if failed { throw ExitStatus.invalid.code }
    }

    /// Every file's diagnostics as data, in one document on stdout. A config that cannot be read
    /// is reported on stderr as text (it is no problem of the graph file); that file is not ok.
    func runJSON() throws {
        var reports: [JSONValue] = []
        var failed = false
        for file in files {
            guard
                let config = try? Models.config(projectRoot: ProjectFolder.containing(file).path, options: modelOptions)
            else {
                failed = true
                reports.append(DiagnosticJSON.file(file, ok: false, diagnostics: [], hint: HintText.commandLine))
                continue
            }
            let checked = LoadedGraph.check(
                file, aliases: Set(config.aliases.keys), servers: Set(config.mcpServers.keys), trusted: trust,
                limits: config.limits)
            if checked.graph == nil { failed = true }
            reports.append(
                DiagnosticJSON.file(
                    file, ok: checked.graph != nil, diagnostics: checked.diagnostics, hint: HintText.commandLine))
        }
        Console.json(JSONValue.object(["files": .array(reports)]).compactJSON)
        if failed { throw ExitStatus.invalid.code }
    }

    /// A graph checked as `validate` checks it, for every command that must refuse what
    /// `validate` refuses (`export` too): with the aliases and limits `run` would have, so an
    /// undefined `model:` fails everywhere, not only where a model is called.
    static func load(_ file: String, options: ModelOptions, trusted: Bool) throws -> LoadedGraph {
        let config = try Models.config(projectRoot: ProjectFolder.containing(file).path, options: options)
        return try LoadedGraph.load(
            file, aliases: Set(config.aliases.keys), servers: Set(config.mcpServers.keys), trusted: trusted,
            limits: config.limits)
    }
}
