import NIOHTTP1

/// Which endpoint a request is for; decides the dialect of errors and how the key is sent.
enum Route: Sendable, Equatable {
    case models, chat, completions, messages
    case methodNotAllowed(anthropic: Bool)
    case notFound(anthropic: Bool)

    init(method: HTTPMethod, path: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let expected: (Route, HTTPMethod)? =
            switch trimmed {
            case "/v1/models": (.models, .GET)
            case "/v1/chat/completions": (.chat, .POST)
            case "/v1/completions": (.completions, .POST)
            case "/v1/messages": (.messages, .POST)
            default: nil
            }
        let anthropic = trimmed.hasPrefix("/v1/messages")
        guard let (route, allowed) = expected else {
            self = .notFound(anthropic: anthropic)
            return
        }
        self = method == allowed ? route : .methodNotAllowed(anthropic: anthropic)
    }

    var isAnthropic: Bool {
        switch self {
        case .messages: true
        case .methodNotAllowed(let anthropic), .notFound(let anthropic): anthropic
        case .models, .chat, .completions: false
        }
    }

    /// OpenAI paths take `Authorization: Bearer KEY`, the Messages API `x-api-key: KEY`.
    func isAuthorized(_ request: FaultServer.RecordedRequest, key: String) -> Bool {
        isAnthropic ? request.header("x-api-key") == key : request.header("authorization") == "Bearer \(key)"
    }

    func errorBody(status: Int, message: String) -> String {
        Self.errorBody(status: status, anthropic: isAnthropic, message: message)
    }

    static func errorBody(status: Int, anthropic: Bool, message: String) -> String {
        anthropic
            ? FaultServer.AnthropicDialect.errorBody(status: status, message: message)
            : FaultServer.OpenAIDialect.errorBody(status: status, message: message)
    }
}
