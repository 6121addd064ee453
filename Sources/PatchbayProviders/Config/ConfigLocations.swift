import Foundation
import PatchbayCore

/// Where the config files are: the user's (may hold keys, mode 600) and the project's (shared,
/// committed, never keys). Either may be missing.
public struct ConfigLocations: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/patchbay/config.toml`, by default `~/.config/patchbay/config.toml`.
    public var userFile: String
    /// `patchbay.toml` in the project root; nil outside any project.
    public var projectFile: String?

    public init(userFile: String, projectFile: String?) {
        self.userFile = userFile
        self.projectFile = projectFile
    }

    /// `projectRoot` is the folder holding the graph's project (see `ProjectFolder`).
    public static func resolve(projectRoot: String, environment: [String: String]) -> Self {
        let project =
            projectRoot.isEmpty ? nil : URL(fileURLWithPath: projectRoot).appendingPathComponent("patchbay.toml").path
        return ConfigLocations(userFile: userFile(environment: environment), projectFile: project)
    }

    /// The locations for the project that `graphPath` belongs to.
    public static func resolve(graphPath: String, environment: [String: String]) -> Self {
        resolve(projectRoot: ProjectFolder.containing(graphPath).path, environment: environment)
    }

    static func userFile(environment: [String: String]) -> String {
        // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        let configHome: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            configHome = URL(fileURLWithPath: home).appendingPathComponent(".config").path
        }
        return URL(fileURLWithPath: configHome).appendingPathComponent("patchbay/config.toml").path
    }
}
