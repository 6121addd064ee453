import ArgumentParser
import Foundation
import PatchbayCore

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
