import NIOCore
import NIOHTTP1

/// Writes one HTTP response on a connection. Every part is flushed as it is written, so the
/// deltas of a stream reach the client one by one (chunked encoding: no content-length).
struct ResponseWriter {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    let version: HTTPVersion
    /// False when the client asked to close after this response.
    let keepAlive: Bool

    func head(_ status: Int, _ headers: [(String, String)]) async throws {
        var fields = HTTPHeaders(headers)
        if !keepAlive { fields.replaceOrAdd(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: fields)
        try await outbound.write(.head(head))
    }

    func body(_ text: some StringProtocol) async throws {
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: String(text)))))
    }

    func end() async throws {
        try await outbound.write(.end(nil))
    }

    /// A complete JSON response.
    func json(_ status: Int, _ text: String, headers: [(String, String)] = []) async throws {
        try await head(status, Self.jsonHeaders(length: text.utf8.count) + headers)
        try await body(text)
        try await end()
    }

    static func jsonHeaders(length: Int) -> [(String, String)] {
        [("content-type", "application/json"), ("content-length", String(length))]
    }

    func startEventStream() async throws {
        try await head(200, [("content-type", "text/event-stream"), ("cache-control", "no-cache")])
    }

    func event(_ event: SSEEvent) async throws {
        try await body(event.rendered)
    }
}

/// One server-sent event: an optional `event:` line and one `data:` line.
struct SSEEvent: Sendable, Equatable {
    var event: String?
    var data: String

    var rendered: String {
        (event.map { "event: \($0)\n" } ?? "") + "data: \(data)\n\n"
    }
}
