import Foundation
import PatchbayCore

extension ProviderHub {
    /// Why `name` cannot answer here, found without a request: an unknown alias or provider, a
    /// key the project config may not send, a hosted provider's key that is not set, the local
    /// model not installed. A call would fail on each, but only after its retries (offline, a
    /// hosted call without a key retried DNS for ~56 s).
    public func unavailability(alias name: String) -> ModelError? {
        let provider: ProviderSettings
        do {
            (_, provider) = try lookup(name)
        } catch let error as ModelError {
            return secrets.mask(error)
        } catch {
            return ModelError(secrets.mask("\(error)"))
        }
        switch provider.kind {
        case .local:
            guard let local else { return Self.localNotStarted(alias: name) }
            guard local.isInstalled else {
                return ModelError(LocalModelError.notInstalled.message, hint: LocalModelError.notInstalled.hint)
            }
            return nil
        case .openai, .anthropic:
            guard provider.needsKey, config.apiKey(for: provider, environment: environment) == nil else { return nil }
            let missing = config.missingKeyError(for: provider, alias: name, userFile: nil)
            return ModelError(missing.message, hint: missing.hint)
        }
    }

    static func localNotStarted(alias: String) -> ModelError {
        ModelError("alias `\(alias)` uses the local model, which this front end does not start")
    }
}

extension ProviderSettings {
    /// Whether calls cannot work without a key: the hosted APIs Patchbay knows. Other providers
    /// get an `api_key_env` by default but often need no key (Ollama, a vLLM on the network), so
    /// theirs is sent when set and a 401 says when it was needed.
    var needsKey: Bool {
        guard apiKeyEnv != nil else { return false }
        if kind == .anthropic || ["openai", "openrouter"].contains(name) { return true }
        let host = URLComponents(string: baseURL)?.host ?? ""
        return ["api.openai.com", "api.anthropic.com", "openrouter.ai"].contains(host)
    }
}
