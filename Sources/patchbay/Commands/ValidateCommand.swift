import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayProviders

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check graph files and report every problem, as file:line:column: error: message.")

    @Argument(help: "Graph files.")
    var files: [String]

    @Flag(help: "Check the files as trusted graphs (not their sub-graphs): their `graph:` paths may leave the project.")
    var trust = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
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

    /// A graph checked as `validate` checks it, for every command that must refuse what
    /// `validate` refuses (`export` too): with the aliases and limits `run` would have, so an
    /// undefined `model:` fails everywhere, not only where a model is called.
    static func load(_ file: String, options: ModelOptions, trusted: Bool) throws -> LoadedGraph {
        let config = try Models.config(projectRoot: ProjectFolder.containing(file).path, options: options)
        return try LoadedGraph.load(file, aliases: Set(config.aliases.keys), trusted: trusted, limits: config.limits)
    }
}
