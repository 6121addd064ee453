import ArgumentParser
import Foundation

struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Let a graph's command nodes run programs (adds it to your trust list).",
        discussion: "The list is $XDG_CONFIG_HOME/patchbay/trusted (mode 0600), one absolute path per line.")

    @Flag(help: "Remove the graph from the list instead.")
    var remove = false

    @Argument(help: "Graph files.")
    var files: [String] = []

    func run() async throws {
        let listPath = Trust.listPath
        let existing = (try? String(contentsOfFile: listPath, encoding: .utf8)) ?? ""
        var paths = existing.split(separator: "\n").map(String.init)
        if files.isEmpty {
            paths.forEach { Console.out($0) }
            return
        }
        for file in files {
            let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
            paths.removeAll { $0 == absolute }
            if !remove { paths.append(absolute) }
        }
        let folder = (listPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data((paths.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: listPath), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: listPath)
        Console.err("\(remove ? "untrusted" : "trusted"): \(files.joined(separator: ", "))")
    }
}
