import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayCore

/// One wire protocol. A backend makes exactly one attempt; retries, limits and deadlines are the
/// hub's business.
protocol ModelBackend: Sendable {
    func send(_ request: ModelRequest, call: BackendCall, events: AttemptEvents) async throws -> ModelResponse
}

/// Everything one attempt needs.
struct BackendCall: Sendable {
    var site: CallSite
    var baseURL: String
    var key: Secret?
    var http: HTTPClient
    /// Alias parameters the request has no field for (`top_p`…), passed through to the API.
    var extra: [String: JSONValue]
    /// The most bytes one stream line, one event or one answer may hold (`value_bytes`): a
    /// server is hostile input too, and an endless line would otherwise grow memory without end.
    var responseLimit: Int
    /// How the request's `schema` is enforced on this call; nil: not at all (validation only).
    var constraint: SchemaConstraint? = nil
}

/// A schema constraint as one wire protocol carries it (see `ConstrainMode`).
enum SchemaConstraint: Sendable, Hashable {
    /// GBNF text for llama-cpp-python's `grammar` field.
    case grammar(String)
    /// The schema itself in llama.cpp's `json_schema` field.
    case llamaCppSchema
    /// OpenAI's strict `response_format`.
    case jsonSchema
    /// Anthropic's forced tool.
    case tool
}

/// How an attempt reports progress: token deltas, and the moment the answer starts (which stops
/// the first-token watchdog).
struct AttemptEvents: Sendable {
    var token: @Sendable (String) -> Void
    var started: @Sendable () -> Void
}

extension BackendCall {
    /// POSTs a JSON body and returns the response once its status is 2xx. Other statuses become
    /// `.status` with the API's own error message (scrubbed of the key); transport errors become
    /// `.connection`.
    func post(_ path: String, headers: [(String, String)], body: JSONValue) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: baseURL.trimmingTrailingSlash + path)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.compactJSON))
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, deadline: .distantFuture)
        } catch {
            throw Self.transportFailure(error)
        }
        guard (200..<300).contains(response.status.code) else {
            let text = try? await String(buffer: response.body.collect(upTo: 64 * 1024))
            throw ProviderFailure.status(
                code: Int(response.status.code), message: text.flatMap(apiErrorMessage),
                retryAfter: Backoff.parseRetryAfter(response.headers.first(name: "retry-after")))
        }
        return response
    }

    static func transportFailure(_ error: any Error) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if error is ProviderFailure { return error }
        return ProviderFailure.connection(String(describing: error))
    }

    /// `{"error": {"message": …}}` in both APIs; a key echoed back is masked.
    private func apiErrorMessage(_ body: String) -> String? {
        var message = (try? JSONValue(parsing: body, options: .lenient)).flatMap {
            $0["error"]?["message"]?.stringValue ?? $0["error"]?.stringValue
        }
        if message == nil, !body.isEmpty { message = String(body.prefix(200)) }
        return message.map(scrub)
    }

    /// Text from the API, fit for a message: the key it may echo masked, terminal controls escaped.
    func scrub(_ text: String) -> String {
        var text = text
        if let key, !key.value.isEmpty { text = text.replacingOccurrences(of: key.value, with: SecretMasker.mask) }
        return TerminalText.escape(text)
    }

    /// The in-stream error event of either API (`{"error": {"message", "type"}}`) as a failure.
    func streamError(_ error: JSONValue) -> ProviderFailure {
        .streamError(
            message: (error["message"]?.stringValue ?? error.stringValue).map(scrub), type: error["type"]?.stringValue)
    }

    /// Reads an SSE body, handing each event to `handle`; maps a mid-stream transport error to
    /// `.streamCut`. `handle` returns true at the API's end marker. A line or event over
    /// `responseLimit` stops the read with `.oversized`; so does a JSON body (a server that
    /// ignored `stream: true`) over it, which is otherwise reported as what it is, not as a cut stream.
    func readEvents(
        _ response: HTTPClientResponse, tokensSeen: @Sendable () -> Int, _ handle: (SSEEvent) throws -> Bool
    ) async throws -> Bool {
        if response.headers.first(name: "content-type")?.lowercased().hasPrefix("application/json") == true {
            try await jsonInsteadOfStream(response)
        }
        var parser = SSEParser(limit: responseLimit)
        do {
            for try await chunk in response.body {
                for event in try parser.feed(chunk.readableBytesView) where try handle(event) { return true }
            }
            for event in try parser.finish() where try handle(event) { return true }
        } catch let overflow as SSEOverflow {
            throw ProviderFailure.oversized(
                what: overflow == .line ? "a single event-stream line" : "a single event", limit: responseLimit)
        } catch let failure as ProviderFailure {
            throw failure
        } catch {
            let mapped = Self.transportFailure(error)
            if mapped is CancellationError { throw mapped }
            throw ProviderFailure.streamCut(tokensSeen: tokensSeen())
        }
        return false
    }

    /// A 200 JSON body where an event stream was asked for: its API error when it holds one,
    /// else malformed. Read up to `responseLimit` only.
    private func jsonInsteadOfStream(_ response: HTTPClientResponse) async throws -> Never {
        let body: ByteBuffer
        do { body = try await response.body.collect(upTo: responseLimit) } catch is NIOTooManyBytesError {
            throw ProviderFailure.oversized(what: "a JSON body (not the event stream asked for)", limit: responseLimit)
        } catch {
            let mapped = Self.transportFailure(error)
            throw mapped is CancellationError ? mapped : ProviderFailure.streamCut(tokensSeen: 0)
        }
        let text = String(buffer: body)
        if let error = (try? JSONValue(parsing: text, options: .lenient))?["error"] { throw streamError(error) }
        throw ProviderFailure.malformed(
            "a JSON body instead of the event stream asked for (`stream: true`): `\(scrub(String(text.prefix(80))))`")
    }
}

extension BackendCall {
    /// The local server's token count for `text` (llama-cpp-python's `/extras/tokenize/count`).
    func localTokenCount(_ text: String) async -> Int? {
        let root =
            baseURL.trimmingTrailingSlash.hasSuffix("/v1") ? String(baseURL.trimmingTrailingSlash.dropLast(3)) : baseURL
        var request = HTTPClientRequest(url: root + "/extras/tokenize/count")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: JSONValue.object(["input": .string(text)]).compactJSON))
        guard let response = try? await http.execute(request, timeout: .seconds(5)), response.status.code == 200,
            let body = try? await response.body.collect(upTo: 4096)
        else { return nil }
        return (try? JSONValue(parsing: String(buffer: body), options: .lenient))?["count"]?.intValue
    }
}

extension String {
    var trimmingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}

extension JSONValue {
    /// Parses one SSE data payload or body, naming what was wrong when it is not JSON.
    static func parsePayload(_ text: String) throws -> JSONValue {
        do { return try JSONValue(parsing: text, options: .lenient) } catch {
            throw ProviderFailure.malformed("expected JSON, got `\(TerminalText.escape(String(text.prefix(80))))`")
        }
    }
}
