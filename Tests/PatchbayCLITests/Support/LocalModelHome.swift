import Foundation

/// A data folder (`XDG_DATA_HOME`) for one CLI test whose `patchbay/local` links to the real
/// local model install. It has no long-lived server state file, so `patchbay run` must start a
/// child server of its own there, and that child writes to this folder's log: which is how the
/// test finds the server's process afterwards, among other tests' and other users' servers.
/// (This target does not link PatchbayProviders; it sees the binary from outside, as a user does.)
struct LocalModelHome: Sendable {
    let dataHome: URL

    var root: URL { dataHome.appendingPathComponent("patchbay/local") }
    var childLog: URL { root.appendingPathComponent("child-server.log") }
    var environment: [String: String] { ["XDG_DATA_HOME": dataHome.path] }

    /// Fails the test, naming the install command, when the model is not installed.
    static func linked() throws -> LocalModelHome {
        let installed = defaultRoot()
        let fm = FileManager.default
        let marker = installed.appendingPathComponent("installed.json")
        guard fm.fileExists(atPath: marker.path),
            fm.isExecutableFile(atPath: installed.appendingPathComponent("venv/bin/python").path)
        else {
            throw NotInstalled(root: installed.path)
        }
        let home = LocalModelHome(dataHome: try Scratch.make("data"))
        try fm.createDirectory(at: home.root, withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            at: home.root.appendingPathComponent("venv"), withDestinationURL: installed.appendingPathComponent("venv"))
        try fm.copyItem(at: marker, to: home.root.appendingPathComponent("installed.json"))
        return home
    }

    /// Where `patchbay local install` puts the model for this user.
    static func defaultRoot(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let data: URL
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            data = URL(fileURLWithPath: xdg)
        } else {
            data = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        }
        return data.appendingPathComponent("patchbay/local")
    }

    struct NotInstalled: Error, CustomStringConvertible {
        var root: String
        var description: String {
            "the local model is not installed at \(root): run `.build/debug/patchbay local install` (or `patchbay local install`) before these tests"
        }
    }

    /// Patchbay processes that started a child server here, from the log's header lines.
    var serverParents: [Int32] {
        let log = (try? String(contentsOf: childLog, encoding: .utf8)) ?? ""
        return log.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("---"), line.contains("starts a child server"),
                let range = line.range(of: "patchbay pid ")
            else { return nil }
            return Int32(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// Live (not zombie) llama.cpp server processes writing to this folder's child log.
    var serverProcesses: [Int32] {
        let log = childLog.resolvingSymlinksInPath().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/1"),
                target == log || URL(fileURLWithPath: target).resolvingSymlinksInPath().path == log,
                let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            return String(decoding: cmdline, as: UTF8.self).contains("llama_cpp.server")
        }
    }

    /// Waits until no server writes to this folder's log; true when none is left.
    func waitNoServer(within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while !serverProcesses.isEmpty {
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}
