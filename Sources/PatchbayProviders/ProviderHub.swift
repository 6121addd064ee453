import Foundation
import PatchbayCore
import Synchronization

/// The engine's `ModelProvider` over the configured back ends. One hub per process: its HTTP
/// connection pools and per-provider limits are shared by every run that uses it.
public final class ProviderHub: ModelProvider {
    public let config: ModelConfig
    let environment: [String: String]
    let local: LocalModelService?
    let clients = HTTPClients()
    let backoff: Backoff
    /// The config's keys and URL credentials, masked in every error this hub reports and, through
    /// `EngineEnvironment.masker`, in everything runs record.
    public let secrets: SecretMasker
    private let limiters = Mutex<[String: ProviderLimiter]>([:])
    /// Schemas as llama.cpp grammars, for aliases that `constrain = "grammar"`.
    let grammars: GrammarConverter

    /// `local` starts the bundled model on first use; without one, `local` aliases fail with a
    /// message saying so.
    public convenience init(
        config: ModelConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
        local: LocalModelService? = nil
    ) {
        self.init(config: config, environment: environment, local: local, backoff: Backoff())
    }

    init(config: ModelConfig, environment: [String: String], local: LocalModelService?, backoff: Backoff) {
        self.config = config
        self.environment = environment
        self.local = local
        self.backoff = backoff
        grammars = GrammarConverter(python: (local?.paths ?? LocalModelPaths(environment: environment)).python)
        secrets = config.secretMasker(environment: environment)
    }

    public func resolve(alias: String) throws -> ResolvedModel {
        let (settings, provider) = try lookup(alias)
        var parameters = settings.parameters.merging(provider.answerIdentity) { _, provider in provider }
        // A `constrain` set in config changes answers to schemas; the default follows from the
        // provider's type and URL, already part of the identity.
        if let mode = settings.constrain ?? provider.constrain { parameters["constrain"] = .string(mode.rawValue) }
        if let mode = settings.tools ?? provider.tools { parameters["tools"] = .string(mode.rawValue) }
        return ResolvedModel(alias: alias, provider: provider.name, model: settings.model, parameters: parameters)
    }

    public func complete(
        _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse {
        let (alias, provider) = try lookup(model.alias)
        let site = CallSite(provider: provider, alias: alias)
        let attempts = AttemptCount()
        // A reply in the prompted protocol is JSON: its answer is streamed once it is read.
        let prompted = promptedTools(for: request, site: site)
        do {
            return try await withTotalDeadline(alias.timeouts.total) {
                guard let prompted else {
                    return try await self.call(
                        request.withDefaults(from: alias), site: site, attempts: attempts, onToken: onToken)
                }
                let reply = try await self.call(
                    prompted.request(from: request.withDefaults(from: alias)), site: site, attempts: attempts
                ) { _ in }
                let response = prompted.response(from: reply, conversation: request.messages)
                if response.toolCalls.isEmpty, !response.text.isEmpty { onToken(response.text) }
                return response
            }
        } catch let failure as ProviderFailure {
            throw secrets.mask(failure.modelError(at: site, attempts: attempts.current))
        } catch let error as ModelError {
            throw secrets.mask(error)
        }
    }

    /// Stops the local server this hub started and closes connection pools. Call before exit.
    public func shutdown() async {
        await local?.shutdown()
        await clients.shutdown()
    }

    func lookup(_ name: String) throws -> (ModelAlias, ProviderSettings) {
        guard let alias = config.aliases[name] else {
            let known = config.aliases.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
            throw ModelError(
                "unknown model alias `\(name)` (known: \(known))",
                hint:
                    "define it under [models] in patchbay.toml, e.g. `\(name) = \"openai:gpt-4o-mini\"`, or pass --model \(name)=PROVIDER:MODEL"
            )
        }
        guard let provider = config.providers[alias.provider] else {
            throw ModelError(
                "alias `\(name)` names unknown provider `\(alias.provider)`",
                hint: "define [providers.\(alias.provider)] in config")
        }
        // Before anything is sent: resolving (the cache key), calling and probing all come here.
        if let untrusted = config.untrustedKeyUses[provider.name] { throw untrusted.error(alias: name) }
        return (alias, provider)
    }

    private func limiter(for provider: ProviderSettings) -> ProviderLimiter {
        limiters.withLock { limiters in
            if let limiter = limiters[provider.name] { return limiter }
            let limiter = ProviderLimiter(
                maxConcurrency: provider.maxConcurrency, requestsPerMinute: provider.requestsPerMinute)
            limiters[provider.name] = limiter
            return limiter
        }
    }

    private func call(
        _ request: ModelRequest, site: CallSite, attempts: AttemptCount, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse {
        let provider = site.provider
        let backend: any ModelBackend = provider.kind == .anthropic ? AnthropicBackend() : OpenAIBackend()
        let key = config.apiKey(for: provider, environment: environment)
        let call = BackendCall(
            site: site, baseURL: try await baseURL(of: provider, site: site), key: key,
            http: clients.client(connectTimeout: site.alias.timeouts.connect), extra: site.alias.extraParameters,
            responseLimit: config.limits.valueBytes, constraint: try await constraint(for: request, site: site))
        let limiter = limiter(for: provider)
        while true {
            let attempt = attempts.next()
            do {
                var response = try await limiter.withPermit {
                    try await withFirstTokenDeadline(site.alias.timeouts.firstToken) { started in
                        try await backend.send(
                            request, call: call, events: AttemptEvents(token: onToken, started: started))
                    }
                }
                // One pricing rule for every report: dated and `vendor/` names, loopback servers.
                response.cost = config.price(forAlias: site.alias.alias)?.cost(of: response.usage)
                return response
            } catch let failure as ProviderFailure {
                if case .status(401, _, _) = failure, key == nil {
                    let missing = config.missingKeyError(for: provider, alias: site.alias.alias, userFile: nil)
                    throw ModelError(missing.message, hint: missing.hint)
                }
                guard failure.isRetryable, attempt <= provider.maxRetries else { throw failure }
                try await Task.sleep(for: backoff.delay(afterAttempt: attempt - 1, retryAfter: failure.retryAfter))
            }
        }
    }

    private func baseURL(of provider: ProviderSettings, site: CallSite) async throws -> String {
        guard provider.kind == .local else { return provider.baseURL }
        guard let local else { throw Self.localNotStarted(alias: site.alias.alias) }
        return try await local.baseURL()
    }
}

extension ModelRequest {
    /// Node fields win; the alias fills in what the node leaves out.
    func withDefaults(from alias: ModelAlias) -> ModelRequest {
        var request = self
        let p = alias.parameters
        request.temperature = request.temperature ?? p["temperature"]?.doubleValue
        request.maxTokens = request.maxTokens ?? p["max_tokens"]?.intValue
        request.seed = request.seed ?? p["seed"]?.intValue
        if request.stop.isEmpty, let stop = p["stop"]?.arrayValue { request.stop = stop.compactMap(\.stringValue) }
        return request
    }
}

extension ProviderSettings {
    /// What about the provider can change an answer, for the step cache key beside the alias's
    /// parameters: the wire protocol, the endpoint, and whether raw prompts go to
    /// `/completions`. (Keys are prefixed so no alias parameter can collide with them.) The
    /// local server's port is left out: it changes every start and the model does not.
    var answerIdentity: [String: JSONValue] {
        var identity: [String: JSONValue] = [
            "provider.type": .string(kind.rawValue), "provider.raw_completions": .bool(rawCompletions),
        ]
        if kind != .local { identity["provider.base_url"] = .string(baseURL) }
        return identity
    }
}

extension ModelAlias {
    /// Parameters the request has no field for, sent to the API as they are (`top_p`…).
    var extraParameters: [String: JSONValue] {
        parameters.filter { !["temperature", "max_tokens", "seed", "stop"].contains($0.key) }
    }
}

/// Attempts made so far by one call, read when its error is reported.
final class AttemptCount: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
    var current: Int { value.load(ordering: .relaxed) }
}
