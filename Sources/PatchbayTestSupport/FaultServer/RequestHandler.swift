import Foundation
import NIOCore
import NIOHTTP1

/// Serves one connection of the fault server: reads whole requests, records them, applies the
/// next fault and answers in the dialect of the path. Keep-alive connections serve requests
/// one after another; a fault that breaks a connection closes it.
struct RequestHandler: Sendable {
    let state: FaultServerState

    func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        // Errors here are the client going away or shutdown cancelling a hang: the connection
        // just closes.
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let requestHead = head else { continue }
                    head = nil
                    let writer = ResponseWriter(
                        outbound: outbound, version: requestHead.version, keepAlive: requestHead.isKeepAlive)
                    let keepOpen = try await respond(to: requestHead, body: Data(body.readableBytesView), writer)
                    if !keepOpen || !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    /// Answers one request; false when the connection must close after it.
    private func respond(to head: HTTPRequestHead, body: Data, _ writer: ResponseWriter) async throws -> Bool {
        let path = String(head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        let request = FaultServer.RecordedRequest(
            method: head.method.rawValue, path: path, headers: headers, body: body)
        let (behaviour, fault) = state.admit(request)
        if behaviour.latency > .zero { try await Task.sleep(for: behaviour.latency) }

        let route = Route(method: head.method, path: path)
        switch fault {
        case .status(let status, let retryAfter, let errorBody):
            let text = errorBody ?? route.errorBody(status: status, message: "fault server: injected HTTP \(status)")
            try await writer.json(status, text, headers: retryAfter.map { [("retry-after", $0)] } ?? [])
            return true
        case .hangBeforeFirstByte(let duration):
            try await Task.sleep(for: duration)
            return false
        case .ok, .cutMidStream, .malformedSSE, .malformedJSON, .slowDrip, .errorEventEchoingKey, .flood:
            break
        }

        if let key = behaviour.requiredKey, !route.isAuthorized(request, key: key) {
            // The message never repeats what was sent: it could be a real key.
            let message =
                route.isAnthropic ? "invalid x-api-key" : "Incorrect API key provided (expected Authorization: Bearer)."
            try await writer.json(401, route.errorBody(status: 401, message: message))
            return true
        }

        switch route {
        case .models:
            let models = jsonText([
                "object": "list",
                "data": ["fault-model", "fault-model-large"].map {
                    ["id": $0, "object": "model", "created": 0, "owned_by": "patchbay-fault-server"]
                },
            ])
            if fault == .malformedJSON {
                try await writer.json(200, String(models.prefix(models.count / 2)))
            } else {
                try await writer.json(200, models)
            }
            return true
        case .chat, .completions, .messages:
            return try await answer(route, request: request, behaviour: behaviour, fault: fault, writer)
        case .methodNotAllowed(let anthropic):
            try await writer.json(
                405,
                Route.errorBody(
                    status: 405, anthropic: anthropic, message: "Method not allowed: \(head.method.rawValue) \(path)"))
            return true
        case .notFound(let anthropic):
            try await writer.json(
                404,
                Route.errorBody(
                    status: 404, anthropic: anthropic, message: "No route for \(head.method.rawValue) \(path)"))
            return true
        }
    }

    /// A model call: checks the body as the real API would, plans the reply, and delivers it
    /// with the fault.
    private func answer(
        _ route: Route, request: FaultServer.RecordedRequest, behaviour: FaultServer.Behaviour, fault: Fault,
        _ writer: ResponseWriter
    ) async throws -> Bool {
        guard let json = request.json() else {
            try await writer.json(400, route.errorBody(status: 400, message: "The request body is not a JSON object."))
            return true
        }
        let model = json["model"] as? String ?? "fault-model"
        let stream = json["stream"] as? Bool ?? false
        let dialect: any Dialect
        let maxTokens: Int?
        let stops: [String]
        switch route {
        case .messages:
            // The real Messages API refuses these; clients must send them.
            guard request.header("anthropic-version") != nil else {
                try await writer.json(
                    400, route.errorBody(status: 400, message: "anthropic-version: header is required"))
                return true
            }
            guard let limit = json["max_tokens"] as? Int else {
                try await writer.json(400, route.errorBody(status: 400, message: "max_tokens: Field required"))
                return true
            }
            dialect = FaultServer.AnthropicDialect(model: model)
            maxTokens = limit
            stops = json["stop_sequences"] as? [String] ?? []
        default:
            let options = json["stream_options"] as? [String: Any]
            dialect = FaultServer.OpenAIDialect(
                kind: route == .chat ? .chat : .completions, model: model,
                includeUsage: stream && (options?["include_usage"] as? Bool ?? false))
            maxTokens = json["max_tokens"] as? Int ?? json["max_completion_tokens"] as? Int
            stops = (json["stop"] as? String).map { [$0] } ?? json["stop"] as? [String] ?? []
        }
        let plan = ReplyPlan(behaviour: behaviour, turn: state.nextTurn(), maxTokens: maxTokens, stops: stops)
        // What the request carried as its key, for the fault that echoes it.
        let sentKey =
            request.header("x-api-key") ?? request.header("authorization").map { String($0.dropFirst("Bearer ".count)) }
        return try await deliver(plan, dialect: dialect, stream: stream, fault: fault, sentKey: sentKey ?? "", writer)
    }
}
