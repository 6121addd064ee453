import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayStore

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the project's step cache.",
        discussion: """
            Node results are cached by a hash of the node's kind, config, inputs and model, in the project's \
            .patchbay/patchbay.sqlite, so an unchanged node is not executed again, even in a later process.
            """,
        subcommands: [Stats.self, Clear.self])

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How many results the cache holds, their size and hits.")

        @Flag(help: "Print the figures as JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let store = try ProjectStore.reading(project: storeOptions.project)
            let stats = try ProjectStore.storeCall { try store.cacheStats() }
            if json {
                var o: [String: JSONValue] = [
                    "entries": .number(Double(stats.entries)), "bytes": .number(Double(stats.bytes)),
                    "hits": .number(Double(stats.hits)),
                ]
                if let oldest = stats.oldest { o["oldest"] = .string(HistoryFormat.timestamp(oldest)) }
                if let newest = stats.newest { o["newest"] = .string(HistoryFormat.timestamp(newest)) }
                Console.json(JSONValue.object(o).compactJSON)
                return
            }
            Console.out("entries: \(stats.entries)")
            Console.out("size: \(Self.size(stats.bytes))")
            Console.out("hits: \(stats.hits)")
            if let oldest = stats.oldest, let newest = stats.newest {
                Console.out("oldest: \(HistoryFormat.when(oldest))")
                Console.out("newest: \(HistoryFormat.when(newest))")
            }
        }

        static func size(_ bytes: Int) -> String {
            if bytes < 1024 { return "\(bytes) B" }
            if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
            return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Empty the cache: every node executes again on its next run. History is kept.")

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let store = try ProjectStore.existing(project: storeOptions.project)
            let cleared = try ProjectStore.storeCall { try store.clearCache() }
            Console.out("cleared \(cleared) cache entr\(cleared == 1 ? "y" : "ies")")
        }
    }
}
