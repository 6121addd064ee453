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
                Console.out("\(file): ok" + (loaded.warnings == 0 ? "" : " (\(loaded.warnings) warning\(loaded.warnings == 1 ? "" : "s"))"))
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

struct FmtCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite graph files in canonical form (stable key order, block-scalar prompts).",
        discussion: "With --check nothing is written: the files that would change are listed on stdout and the exit code is 1.")

    @Flag(help: "List files that are not canonical and exit 1 instead of rewriting them.")
    var check = false

    @Argument(help: "Graph files.")
    var files: [String]

    func run() async throws {
        var unformatted: [String] = []
        var invalid = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.err("\(file): error: no such file")
                invalid = true
                continue
            }
            let text: String
            switch UTF8Text.decode(data) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                // Never rewritten: a lossy decode would write U+FFFD over the user's bytes.
                Console.err(Diagnostic(problem, file: file).description)
                invalid = true
                continue
            }
            let canonical: String
            do {
                canonical = try GraphCodec.formatted(text, path: file)
            } catch {
                Console.err("\(error)")
                invalid = true
                continue
            }
            guard canonical != text else { continue }
            unformatted.append(file)
            if check {
                Console.out(file)
            } else {
                do {
                    try Data(canonical.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                    Console.err("formatted \(file)")
                } catch {
                    Console.err("\(file): error: cannot write: \(error.localizedDescription)")
                    invalid = true
                }
            }
        }
        if invalid { throw ExitStatus.invalid.code }
        if check, !unformatted.isEmpty {
            Console.err("\(unformatted.count) file\(unformatted.count == 1 ? "" : "s") would be reformatted; run `patchbay fmt` on \(unformatted.count == 1 ? "it" : "them")")
            throw ExitStatus.runFailed.code
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print a graph as Graphviz DOT or Mermaid.")

    @Argument(help: "The graph file.")
    var graph: String

    @Option(help: "dot or mermaid.")
    var format: GraphExport.Format = .mermaid

    @Flag(help: "Check the file as a trusted graph (not its sub-graphs), as `validate --trust` does.")
    var trust = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        let loaded = try ValidateCommand.load(graph, options: modelOptions, trusted: trust)
        Console.write(GraphExport.render(loaded.document.graph, as: format), to: .standardOutput)
    }
}

extension GraphExport.Format: ExpressibleByArgument {}
