import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

struct DiffRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-runs",
        abstract: "Show how two runs differ: the graph, the inputs, and which steps' outputs changed, and how.",
        discussion: """
            Steps are matched by path. Text outputs are compared word by word ([-A-]{+B+}, the lines holding a change); JSON outputs by key. \
            A step that was cached in one run and executed in the other is the same if its outputs are.
            """)

    @Argument(help: "The first run (id, unique prefix, `last` or `#SEQ`).")
    var a: String

    @Argument(help: "The second run.")
    var b: String

    @Flag(help: "Print the differences as one JSON object.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.reading(project: storeOptions.project)
        let (runA, runB) = try ProjectStore.storeCall { (try store.run(a), try store.run(b)) }
        let diff = RunDiff(runA, runB)
        if json {
            Console.json(diff.json.compactJSON)
            return
        }
        // Colour only on a terminal (as the progress lines), and not with NO_COLOR, as the workbench.
        let colour =
            Console.stdoutIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        for line in diff.parts(label: Self.label) {
            let plain = WordDiff.plain([line]).first ?? ""
            // A secret across parts is masked only in the whole line: then that line goes plain.
            guard colour, line.count > 1, Console.masker.mask(plain) == plain else {
                Console.out(plain)
                continue
            }
            for part in line {
                switch part {
                case .same(let text): Console.write(text, to: .standardOutput)
                case .removed(let text): Self.write("[-" + text + "-]", .removed)
                case .added(let text): Self.write("{+" + text + "+}", .added)
                }
            }
            Console.write("\n", to: .standardOutput)
        }
    }

    /// A word diff's part in its colour, git's way: red removed, green added.
    static func write(_ text: String, _ colour: Console.Control) {
        Console.control(colour, to: .standardOutput)
        Console.write(text, to: .standardOutput)
        Console.control(.plain, to: .standardOutput)
    }

    /// `3f2a1b4c (#7, succeeded, 2025-03-02 10:14:31)`.
    static func label(_ run: StoredRun) -> String {
        "\(run.id.prefix(8)) (#\(run.summary.seq), \(run.summary.status.rawValue), \(HistoryFormat.when(run.summary.startedAt)))"
    }
}
