import Foundation
import PatchbayCore

/// Project config files the user trusts to send keys (see `UntrustedKeyUse`), on the same list as
/// trusted graphs: `config sha256:HEX /absolute/path/patchbay.toml`. The hash is of the file's
/// text when it was trusted, so any edit revokes the trust; older versions keep such lines as
/// they are (they are not absolute paths) and trust no graph by them.
extension TrustList {
    static let configPrefix = "config sha256:"

    /// `trusted` beside the user config file `userConfig`.
    public static func file(besideUserConfig userConfig: String) -> String {
        URL(fileURLWithPath: userConfig).deletingLastPathComponent().appendingPathComponent("trusted").path
    }

    /// Trusted config files and the hash of the text each was trusted with.
    public var configFiles: [(path: String, sha256: String)] {
        lines.compactMap(Self.parseConfig)
    }

    /// Whether the file at `path` holding `text` is trusted: same path, same content.
    public func trusts(config path: String, text: String) -> Bool {
        let key = GraphTrust.key(path)
        let hash = FileFingerprint(text: text).sha256
        return configFiles.contains { $0.path == key && $0.sha256 == hash }
    }

    /// Trusts the file as it is now (replacing an entry for an earlier version of it).
    public mutating func add(config path: String, text: String) {
        remove(config: path)
        lines.append(Self.configPrefix + FileFingerprint(text: text).sha256 + " " + GraphTrust.key(path))
    }

    public mutating func remove(config path: String) {
        let key = GraphTrust.key(path)
        lines.removeAll { Self.parseConfig($0)?.path == key }
    }

    private static func parseConfig(_ line: String) -> (path: String, sha256: String)? {
        guard line.hasPrefix(configPrefix) else { return nil }
        let rest = line.dropFirst(configPrefix.count)
        guard let space = rest.firstIndex(of: " ") else { return nil }
        let path = String(rest[rest.index(after: space)...])
        return path.hasPrefix("/") ? (path, String(rest[..<space])) : nil
    }
}
