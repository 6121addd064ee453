import Foundation
import PatchbayCore

extension ModelConfig {
    /// Everything secret this config knows of: the value of every key variable a provider names
    /// (when set), the user file's keys, key-like variables of MCP servers, and credentials and
    /// query values in base URLs, which are also shown without them wherever the URL itself appears.
    public func secretMasker(environment: [String: String]) -> SecretMasker {
        var secrets = keys.values.map(\.value)
        var replacements: [SecretMasker.Replacement] = []
        for provider in providers.values {
            if let env = provider.apiKeyEnv, let value = environment[env], !value.isEmpty { secrets.append(value) }
            guard let components = URLComponents(string: provider.baseURL) else { continue }
            secrets += [components.password, components.user].compactMap { $0 }
            secrets += (components.queryItems ?? []).compactMap(\.value)
            replacements.append(SecretMasker.Replacement(provider.baseURL, shownAs: provider.displayURL))
        }
        // MCP server variables whose names say they hold keys (`GITHUB_TOKEN`).
        for server in mcpServers.values {
            secrets += server.environment.filter { MCPServerConfig.isKeyLike($0.key) }.map(\.value.value)
        }
        return SecretMasker(secrets: secrets, replacements: replacements)
    }
}

extension ProviderSettings {
    /// The base URL as messages show it: no user or password, query values masked.
    /// `https://user:pw@host/v1?key=abc` → `https://••••@host/v1?key=••••`.
    public var displayURL: String { Self.redacted(baseURL) }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        let hadCredentials = components.user != nil || components.password != nil
        let items = components.queryItems ?? []
        guard hadCredentials || !items.isEmpty else { return url }
        components.user = nil
        components.password = nil
        components.query = nil
        var shown = components.string ?? url
        if hadCredentials, let scheme = shown.range(of: "://") {
            shown.insert(contentsOf: SecretMasker.mask + "@", at: scheme.upperBound)
        }
        if !items.isEmpty {
            shown +=
                "?" + items.map { $0.value == nil ? $0.name : "\($0.name)=\(SecretMasker.mask)" }.joined(separator: "&")
        }
        return shown
    }
}
