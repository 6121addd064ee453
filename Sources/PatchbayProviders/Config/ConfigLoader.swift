import Foundation
import PatchbayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the model configuration: built-ins, then the user file, then the project file (later
/// wins; a missing file is fine). See docs/config.md for the format.
public enum ConfigLoader {
    public static func load(_ locations: ConfigLocations) throws -> ModelConfig {
        var builder = ConfigBuilder(base: .builtIn, userFile: locations.userFile)
        if let text = try read(locations.userFile, role: .user) {
            try checkBounds(text, file: locations.userFile)
            try builder.apply(text: text, file: locations.userFile, role: .user)
        }
        if let projectFile = locations.projectFile, let text = try read(projectFile, role: .project) {
            try checkBounds(text, file: projectFile)
            try builder.apply(text: text, file: projectFile, role: .project)
            // Trusted as read: the hash is of this very text, so an edit after trusting revokes it.
            builder.projectTrusted = TrustList.load(path: TrustList.file(besideUserConfig: locations.userFile))
                .trusts(config: projectFile, text: text)
        }
        return try builder.finish()
    }

    /// Refuses what TOMLKit can't read safely (see `TOMLBounds`), before it tries.
    static func checkBounds(_ text: String, file: String) throws {
        do { try TOMLBounds.check(text) } catch {
            throw ConfigError(
                file: file, line: error.line, column: error.column, message: error.message, hint: .text(error.hint))
        }
    }

    /// The file's text, or nil when there is no file. The user file may hold keys, so like ssh
    /// we refuse it when anyone but its owner can read or write it.
    static func read(_ path: String, role: ConfigDocument.Role) throws -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ConfigError(file: path, message: "cannot read the config file: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ConfigError(file: path, message: "the config file is not a regular file")
        }
        let mode = info.st_mode & 0o777
        if role == .user, mode & 0o077 != 0 {
            throw ConfigError(
                file: path,
                message:
                    "the user config is readable or writable by others (mode \(String(mode, radix: 8))) and may hold API keys; refusing to read it",
                hint: "run `chmod 600 \(path)`")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, message: "cannot read the config file (is it UTF-8?)")
        }
    }
}
