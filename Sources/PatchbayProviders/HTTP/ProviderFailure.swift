import Foundation
import PatchbayCore

/// Why one attempt at a model call failed. Internal detail; users see a `ModelError` built from
/// it by `ProviderFailure.modelError`.
enum ProviderFailure: Error, Sendable {
    /// No connection, a reset, DNS, a connect timeout.
    case connection(String)
    case status(code: Int, message: String?, retryAfter: Duration?)
    /// The response stream ended before its end marker.
    case streamCut(tokensSeen: Int)
    case firstTokenTimeout(Duration)
    case totalTimeout(Duration)
    /// The body was not the API's SSE or JSON.
    case malformed(String)
    /// An error event inside an answer stream whose status was 200: the API's message (already
    /// scrubbed of the key) and error type.
    case streamError(message: String?, type: String?)
    /// The response passed the most a call takes (`value_bytes`): `what` says which part (one
    /// line of the stream, one event, a JSON body, the answer). The rest was not read.
    case oversized(what: String, limit: Int)

    /// Connection errors, 408, 429, 5xx, a cut stream and a first-token stall are worth another try;
    /// 400/401/403/404 and malformed answers are not: the same request would fail the same way.
    var isRetryable: Bool {
        switch self {
        case .connection, .streamCut, .firstTokenTimeout: true
        case .status(let code, _, _): code == 408 || code == 429 || code >= 500
        case .totalTimeout, .malformed, .oversized: false
        // Mid-stream errors are mostly overload and server trouble; a refused request fails
        // before its stream starts.
        case .streamError(_, let type):
            !["invalid_request", "authentication", "permission", "not_found"].contains { type?.contains($0) == true }
        }
    }

    var retryAfter: Duration? {
        if case .status(_, _, let after) = self { return after }
        return nil
    }
}

/// Who was being called, for messages: "… by anthropic for alias `judge`".
struct CallSite: Sendable {
    var provider: ProviderSettings
    var alias: ModelAlias

    var keyName: String { provider.apiKeyEnv ?? "the API key for provider `\(provider.name)`" }
    var whom: String { "\(provider.name) for alias `\(alias.alias)`" }
}

extension ProviderFailure {
    func modelError(at site: CallSite, attempts: Int) -> ModelError {
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        switch self {
        case .connection(let detail):
            return ModelError(
                "cannot reach \(site.whom) at \(site.provider.displayURL)\(tries): \(detail)",
                hint: site.provider.kind == .local
                    ? "check `patchbay local status`; the server log is in the local model folder"
                    : "check the network and `base_url` of provider `\(site.provider.name)` in config (`patchbay config path`)"
            )
        case .status(let code, let message, _):
            let detail = message.map { ": \($0)" } ?? ""
            switch code {
            case 401:
                return ModelError(
                    "\(site.keyName) was rejected (401) by \(site.whom)",
                    hint: "check that the key is current and belongs to \(site.provider.displayURL)")
            case 403:
                return ModelError(
                    "\(site.keyName) is not allowed to use model `\(site.alias.model)` (403) at \(site.whom)\(detail)",
                    hint: "check the key's permissions and the model name")
            case 404:
                return ModelError(
                    "model `\(site.alias.model)` or its endpoint was not found (404) by \(site.whom)\(detail)",
                    hint:
                        "check the model name and `base_url` \(site.provider.displayURL) (it should end with the API version, e.g. /v1)"
                )
            case 400, 422:
                return ModelError(
                    "\(site.provider.name) rejected the request (\(code)) for alias `\(site.alias.alias)`\(detail)",
                    hint:
                        "check the node's parameters (max_tokens, stop, json) against what model `\(site.alias.model)` accepts"
                )
            case 429:
                return ModelError(
                    "rate limited (429) by \(site.whom)\(tries)\(detail)",
                    hint:
                        "lower `requests_per_minute` or `max_concurrency` for provider `\(site.provider.name)`, or raise `max_retries`"
                )
            default:
                return ModelError(
                    "\(site.provider.name) failed (\(code)) for alias `\(site.alias.alias)`\(tries)\(detail)",
                    hint: "the provider is having trouble; retry later or switch the alias to another model")
            }
        case .streamCut(let seen):
            return ModelError(
                "the answer stream from \(site.whom) was cut after \(seen) tokens\(tries)",
                hint: "the connection dropped mid-answer; check the network or a proxy's timeouts")
        case .firstTokenTimeout(let limit):
            return ModelError(
                "no answer from \(site.whom) within the first-token timeout (\(limit.shortText))\(tries)",
                hint: "raise `timeouts.first_token` for alias `\(site.alias.alias)` in config, or check the server")
        case .totalTimeout(let limit):
            return ModelError(
                "\(site.whom) did not finish within the total timeout (\(limit.shortText))",
                hint: "raise `timeouts.total` for alias `\(site.alias.alias)`, or lower the node's max_tokens")
        case .streamError(let message, let type):
            let what = type.map { " (\($0))" } ?? ""
            return ModelError(
                "\(site.whom) sent an error event in its answer stream\(what)\(tries)\(message.map { ": \($0)" } ?? "")",
                hint:
                    "the provider failed mid-answer after accepting the request (HTTP 200); retry later or switch the alias to another model"
            )
        case .oversized(let what, let limit):
            return ModelError(
                "\(site.whom) at \(site.provider.displayURL) sent \(what) over the value_bytes limit (\(limit) bytes); the call was stopped and the rest not read (a model API streams small events: check that `base_url` points at an \(site.provider.kind.rawValue)-compatible API; if answers this large are expected, raise the limit)",
                hint: RunLimits.raise(.valueBytes, to: RunLimits.doubled(limit))
            )
        case .malformed(let detail):
            return ModelError(
                "\(site.whom) answered with something that is not the \(site.provider.kind.rawValue) API's format: \(detail)",
                hint:
                    "check that `base_url` \(site.provider.displayURL) points at an \(site.provider.kind.rawValue)-compatible API"
            )
        }
    }
}

extension Duration {
    /// "1.5 s", "250 ms": for messages.
    var shortText: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds >= 1
            ? "\(seconds.formatted(.number.precision(.fractionLength(0...1)))) s" : "\(Int(seconds * 1000)) ms"
    }
}
