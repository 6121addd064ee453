import Foundation
import PatchbayCore

/// A model for unit tests of the engine: answers from a closure, streams the answer word by
/// word, counts calls and how many ran at once, and can fail on purpose. Test-only; the product
/// never ships it.
public final class ScriptedModelProvider: ModelProvider, @unchecked Sendable {
    private let lock = NSLock()
    private let respond: @Sendable (ModelRequest) throws -> ModelResponse
    private var _requests: [ModelRequest] = []
    private var inFlight = 0
    private var _maxInFlight = 0
    private var failuresLeft: Int
    public let aliases: Set<String>
    public let delay: Duration

    public convenience init(
        aliases: Set<String> = ["default"], delay: Duration = .zero, failFirst: Int = 0,
        answer: @escaping @Sendable (ModelRequest) throws -> String
    ) {
        self.init(aliases: aliases, delay: delay, failFirst: failFirst) { request in
            let text = try answer(request)
            return ModelResponse(
                text: text, usage: TokenUsage(inputTokens: 10, outputTokens: text.split(separator: " ").count),
                cost: 0.001)
        }
    }

    /// A model that answers with whole responses: tool calls as well as text.
    public init(
        aliases: Set<String> = ["default"], delay: Duration = .zero, failFirst: Int = 0,
        respond: @escaping @Sendable (ModelRequest) throws -> ModelResponse
    ) {
        self.aliases = aliases
        self.delay = delay
        self.failuresLeft = failFirst
        self.respond = respond
    }

    /// Upper-cases the last message (or the prompt): deterministic, and input-dependent, so a
    /// changed prompt changes what flows downstream.
    public static func echo(delay: Duration = .zero) -> ScriptedModelProvider {
        ScriptedModelProvider(delay: delay) { request in
            (request.mode == .complete ? request.prompt : request.messages.last?.content ?? "").uppercased()
        }
    }

    public var calls: Int { lock.withLock { _requests.count } }
    public var requests: [ModelRequest] { lock.withLock { _requests } }
    public var maxInFlight: Int { lock.withLock { _maxInFlight } }

    public func resolve(alias: String) throws -> ResolvedModel {
        guard aliases.contains(alias) else { throw ModelError("alias `\(alias)` is not configured") }
        return ResolvedModel(alias: alias, provider: "scripted", model: "script-1")
    }

    public func complete(
        _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse {
        let shouldFail = lock.withLock {
            _requests.append(request)
            inFlight += 1
            _maxInFlight = max(_maxInFlight, inFlight)
            defer { if failuresLeft > 0 { failuresLeft -= 1 } }
            return failuresLeft > 0
        }
        defer { lock.withLock { inFlight -= 1 } }
        if delay > .zero { try await Task.sleep(for: delay) }
        if shouldFail { throw ModelError("scripted failure (503)") }
        let response = try respond(request)
        for word in response.text.split(separator: " ", omittingEmptySubsequences: false) {
            try Task.checkCancellation()
            onToken(String(word) + " ")
        }
        return response
    }
}
