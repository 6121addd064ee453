import Foundation

@testable import PatchbayProviders

/// Writes a user config (mode 0600) and a project `patchbay.toml` under `folder` and loads them as
/// the CLI does, for the suites that test one table of the config files.
func loadConfig(in folder: URL, user: String, project: String) throws -> ModelConfig {
    let userPath = folder.appendingPathComponent("user/config.toml").path
    let projectPath = folder.appendingPathComponent("project/patchbay.toml").path
    for (path, text, mode) in [(userPath, user, 0o600), (projectPath, project, 0o644)] {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
    return try ConfigLoader.load(ConfigLocations(userFile: userPath, projectFile: projectPath))
}
