import Foundation

@testable import PatchbayProviders

/// The real local model install the tests run against, and the processes it starts. Tests that
/// need the model FAIL (not skip) when it is missing, naming the command that installs it.
enum LocalInstall {
    /// The install at the default place; fails the test with the command to run when missing.
    static func installedPaths() throws -> LocalModelPaths {
        let paths = LocalModelPaths()
        guard LocalInstallRecord.current(paths) != nil else {
            throw LocalModelError(
                "the local model is not installed at \(paths.root.path): run `.build/debug/patchbay local install` (or `\(LocalModelPaths.installCommand)`) before these tests"
            )
        }
        return paths
    }

    /// A fresh folder whose venv and install marker point at the default install. Its state file
    /// is empty, so a service over it always starts a child server of its own (never the user's
    /// long-lived one), and logs land apart from the user's.
    static func linkedInstall() throws -> LocalModelPaths {
        let installed = try installedPaths()
        let paths = LocalModelPaths(root: try scratch("local").appendingPathComponent("patchbay/local"))
        try FileManager.default.createDirectory(at: paths.root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: paths.venv, withDestinationURL: installed.venv)
        try FileManager.default.copyItem(at: installed.installMarker, to: paths.installMarker)
        return paths
    }

    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A process counts as gone once it is reaped or a zombie (a container's init may not reap).
    static func exists(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[close...].hasPrefix(") Z")
    }

    static func waitGone(_ pid: Int32, within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while exists(pid) {
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}
