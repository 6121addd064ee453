import ArgumentParser
import Foundation
import PatchbayCore

struct NodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes", abstract: "List node kinds, or describe one: its fields, ports and an example.")

    @Argument(help: "A kind to describe, e.g. llm.")
    var kind: String?

    func run() async throws {
        guard let kind else {
            let width = NodeKind.allCases.map(\.rawValue.count).max() ?? 0
            for spec in KindSpec.all {
                Console.out(spec.kind.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + spec.summary)
            }
            Console.out("\n`patchbay nodes KIND` describes one; docs/nodes.md has them all.")
            return
        }
        guard let node = NodeKind(rawValue: kind) else {
            Console.err(
                "error: unknown kind `\(kind)`; kinds: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
            throw ExitStatus.invalid.code
        }
        Console.out(NodeDocs.describe(node.spec))
    }
}
