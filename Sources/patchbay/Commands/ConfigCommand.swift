import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayProviders

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Where model configuration is read from.", subcommands: [Path.self])

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the user config file and the project config file, later over earlier.")

        @Option(help: "The project folder (default: the one containing the current folder).")
        var project: String?

        func run() throws {
            let root = project ?? Models.currentProjectRoot
            let locations = ConfigLocations.resolve(projectRoot: root, environment: ProcessInfo.processInfo.environment)
            for (label, file) in [("user", locations.userFile), ("project", locations.projectFile)] {
                guard let file else { continue }
                let exists = FileManager.default.fileExists(atPath: file)
                Console.out("\(label): \(file)\(exists ? "" : " (not present)")")
            }
        }
    }
}
