import Foundation
import PatchbayCore

/// A key the project's config file would send somewhere the user has not approved: the file
/// names a key variable for a provider, or points a provider that carries a key at another host.
/// Until the user trusts the file (`patchbay trust patchbay.toml`), aliases on the provider send
/// nothing and fail with `error(alias:)`.
public struct UntrustedKeyUse: Sendable, Hashable {
    public var provider: String
    /// The project config file and the line that does it.
    public var file: String
    public var line: Int?
    /// The environment variable whose value would be sent; nil for an `api_key` of the user file.
    public var variable: String?
    /// Where it would go: `host[:port]`.
    public var host: String

    /// `$SOME_SECRET_VAR` or "the api_key of [providers.x] in your user config".
    public var keyName: String {
        variable.map { "$\($0)" }
            ?? "the api_key of [providers.\(ConfigDocument.dotted([provider]))] in your user config"
    }

    /// `/p/patchbay.toml:5`.
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    /// One line for `patchbay models`.
    public var summary: String {
        "needs trust: \(location) sends \(keyName) to \(host); run `patchbay trust \(file)`"
    }

    public func error(alias: String?) -> ModelError {
        let forAlias = alias.map { " (alias `\($0)`)" } ?? ""
        return ModelError(
            "\(location): provider `\(provider)`\(forAlias) would send \(keyName) to \(host), and this project config is not trusted; nothing was sent",
            hint:
                "read \(file); if you trust it, run `patchbay trust \(file)` (editing the file revokes it), or set `api_key_env = \"\"` for the provider if it needs no key"
        )
    }

    /// `host[:port]` of a base URL, without user, password, path or query.
    static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return "(no host)"
        }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// Scheme, host and port: what decides who receives a request.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return "\(components.scheme ?? "")://\(components.host ?? ""):\(components.port.map(String.init) ?? "")"
    }
}
