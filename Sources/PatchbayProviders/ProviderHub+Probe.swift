import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayCore

/// Whether an alias could answer now, for `patchbay models`.
public enum Reachability: Sendable, Equatable {
    case reachable(String)
    case unreachable(String)
    /// The project config would send a key where the user has not approved; nothing was asked.
    case needsTrust(String)

    public var isReachable: Bool {
        if case .reachable = self { return true }
        return false
    }
}

extension ProviderHub {
    /// Asks the provider's model list (GET …/models) with the alias's key; starts nothing. The
    /// local model counts as reachable when it is installed, since Patchbay starts it on demand.
    public func probe(alias name: String, timeout: Duration = .seconds(5)) async -> Reachability {
        let alias: ModelAlias
        let provider: ProviderSettings
        if let untrusted = config.aliases[name].flatMap({ config.untrustedKeyUses[$0.provider] }) {
            return .needsTrust(untrusted.summary)
        }
        do { (alias, provider) = try lookup(name) } catch { return .unreachable(secrets.mask("\(error)")) }
        if provider.kind == .local {
            guard let local else { return .unreachable("no local model service") }
            let status = await local.status()
            guard status.installed else { return .unreachable("not installed — run `patchbay local install`") }
            if let port = status.serverPort, status.serverAnswering {
                return .reachable("server running on 127.0.0.1:\(port)")
            }
            return .reachable("installed; starts on first use")
        }
        let key = config.apiKey(for: provider, environment: environment)
        if key == nil, let env = provider.apiKeyEnv, provider.needsKey {
            return .unreachable("\(env) is not set")
        }
        var request = HTTPClientRequest(url: provider.baseURL.trimmingTrailingSlash + "/models")
        if let key {
            if provider.kind == .anthropic {
                request.headers.add(name: "x-api-key", value: key.value)
                request.headers.add(name: "anthropic-version", value: AnthropicBackend.apiVersion)
            } else {
                request.headers.add(name: "authorization", value: "Bearer \(key.value)")
            }
        }
        let client = clients.client(connectTimeout: min(alias.timeouts.connect, timeout))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            let code = Int(response.status.code)
            switch code {
            case 200..<300: return .reachable("\(provider.displayURL) answers")
            case 401, 403:
                // Without a key, "rejected" would send people hunting for a wrong key.
                if key == nil, let env = provider.apiKeyEnv {
                    return .unreachable("\(env) is not set and \(provider.displayURL) wants a key (\(code))")
                }
                return .unreachable("\(provider.apiKeyEnv ?? "the key") was rejected (\(code))")
            default: return .unreachable("\(provider.displayURL.trimmingTrailingSlash)/models answered \(code)")
            }
        } catch {
            return .unreachable(secrets.mask("cannot reach \(provider.displayURL): \(error)"))
        }
    }
}
