import Foundation
import Logging
import MCP

/// The SDK's streamable-HTTP client transport, with answers sent as server-sent events decoded.
///
/// On Linux the SDK reads a POST's whole response and passes an event-stream body on as it is
/// (`event: message\ndata: {…}`), which its client cannot decode: the request then waits until
/// it times out. Python's MCP servers answer that way by default. Here each event's data becomes
/// one message; JSON bodies pass through unchanged.
actor SSEDecodingTransport: Transport {
    private let inner: HTTPClientTransport
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var pump: Task<Void, Never>?

    nonisolated var logger: Logger { inner.logger }

    init(endpoint: URL) {
        inner = HTTPClientTransport(endpoint: endpoint, streaming: false)
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        try await inner.connect()
        let (inner, continuation) = (inner, continuation)
        pump = Task {
            do {
                for try await body in await inner.receive() {
                    for message in Self.messages(in: body) { continuation.yield(message) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        await inner.disconnect()
        pump?.cancel()
        continuation.finish()
    }

    func send(_ data: Data) async throws { try await inner.send(data) }

    func receive() -> AsyncThrowingStream<Data, any Error> { stream }

    /// The messages in one response body: itself when it is JSON, else the data of each event.
    static func messages(in body: Data) -> [Data] {
        guard let first = body.first(where: { !" \t\r\n".utf8.contains($0) }) else { return [] }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return [body] }
        var messages: [Data] = []
        var data: [Substring] = []
        let text = String(decoding: body, as: UTF8.self)
        // `\r\n` is one Character in Swift: split on every kind of line end.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty {
                if !data.isEmpty { messages.append(Data(data.joined(separator: "\n").utf8)) }
                data = []
            } else if line.hasPrefix("data:") {
                let value = line.dropFirst(5)
                data.append(value.hasPrefix(" ") ? value.dropFirst() : value)
            }
        }
        if !data.isEmpty { messages.append(Data(data.joined(separator: "\n").utf8)) }
        return messages
    }
}
