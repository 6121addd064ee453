import ArgumentParser
import Foundation
import PatchbayProviders

struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract:
            "Trust a graph file: its command nodes may run programs, it may write outside out/ (adds it to your trust list).",
        discussion: """
            Trust is per file: a sub-graph or eval variant of a trusted graph needs its own. With no FILE, \
            prints the list. The list is $XDG_CONFIG_HOME/patchbay/trusted (mode 0600), one absolute path \
            per line. docs/security.md says what trust allows.
            """)

    @Flag(help: "Remove the graph from the list instead (revokes its trust).")
    var remove = false

    @Argument(help: "Graph files, or a project's patchbay.toml (trusted as it is now: editing it revokes the trust).")
    var files: [String] = []

    func run() async throws {
        var list = TrustList.load()
        if files.isEmpty {
            for line in list.lines { Console.out(line) }
            return
        }
        for file in files {
            if remove { list.remove(file: file) } else { try list.add(file: file) }
        }
        try list.save()
        Console.err("\(remove ? "untrusted" : "trusted"): \(files.joined(separator: ", "))")
    }
}
