import ArgumentParser
import Foundation
import PatchbayStore

struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete old runs from the project's history, keeping the newest N.",
        discussion: """
            Runs still running are kept. The step cache is left alone (`patchbay cache clear` empties it). \
            Eval samples are runs too: they count towards N and are deleted like any other run, so a stored \
            eval report may then name runs that are gone (`patchbay show` says gc removed them).
            """)

    @Option(
        parsing: .unconditional,
        help: OptionRange.gcKeep.help("How many of the newest runs to keep (eval samples included)."))
    var keep: Int

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        try OptionRange.gcKeep.check(keep)
    }

    func run() async throws {
        let store = try ProjectStore.existing(project: storeOptions.project)
        let deleted = try ProjectStore.storeCall { try store.gc(keep: keep) }
        Console.out(
            "deleted \(deleted.runsDeleted) run\(deleted.runsDeleted == 1 ? "" : "s") (\(deleted.stepsDeleted) steps); kept the newest \(keep)"
        )
    }
}
