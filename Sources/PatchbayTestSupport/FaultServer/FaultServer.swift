import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An OpenAI- and Anthropic-compatible HTTP server on 127.0.0.1 that answers with scripted text
/// and injects faults (errors, hangs, cut and malformed streams, slow drips) on request, so the
/// model clients can be tested against the failures real APIs show. Test-only.
///
/// Routes: `POST /v1/chat/completions`, `POST /v1/completions`, `POST /v1/messages`,
/// `GET /v1/models`. Streams are written chunk by chunk and flushed as they go.
///
/// Each request is recorded, then waits `latency`, then meets its fault: a `.status` or a hang
/// happens before anything else is checked; otherwise the key is checked (401), then the route
/// (404/405) and the body as the real API would (400: not JSON; on `/v1/messages` a missing
/// `anthropic-version` header or `max_tokens`), and the answer goes out with the fault applied.
public final class FaultServer: Sendable {
    let state: FaultServerState
    private let channel: any Channel
    private let acceptLoop: Task<Void, Never>
    public let port: Int

    /// "http://127.0.0.1:PORT/v1": the OpenAI-style base URL.
    public var baseURL: String { "\(rootURL)/v1" }
    /// "http://127.0.0.1:PORT".
    public var rootURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received on all paths.
    public var requestCount: Int { state.requestCount }
    public var requests: [RecordedRequest] { state.requests }
    public var behaviour: Behaviour { state.behaviour }
    /// Body bytes `.flood` faults got out before the client hung up (or the flood's end).
    public var floodedBytes: Int { state.floodedBytes }

    /// Replaces the behaviour; the fault list starts again at its first entry.
    public func setBehaviour(_ behaviour: Behaviour) { state.setBehaviour(behaviour) }

    /// Binds 127.0.0.1 on a free port and starts serving.
    public static func start(_ behaviour: Behaviour = .init()) async throws -> FaultServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try? await server.channel.close()
            throw FaultServerError("the fault server bound no port on 127.0.0.1")
        }
        return FaultServer(server: server, port: port, behaviour: behaviour)
    }

    private init(
        server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
        port: Int, behaviour: Behaviour
    ) {
        let state = FaultServerState(behaviour: behaviour)
        self.state = state
        self.port = port
        self.channel = server.channel
        // The loop holds the shared state, not `self`: no retain cycle through the task.
        let handler = RequestHandler(state: state)
        self.acceptLoop = Task {
            try? await server.executeThenClose { connections in
                // Connections run as child tasks: cancelling the loop (shutdown) ends hanging ones.
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await handler.serve(connection) }
                        }
                    } catch {
                        // The listening socket closed: nothing more to accept.
                    }
                    group.cancelAll()
                }
            }
        }
    }

    /// Stops accepting, ends open connections (hanging ones included) and waits for them.
    public func shutdown() async throws {
        try? await channel.close()
        acceptLoop.cancel()
        await acceptLoop.value
    }
}

/// A fault server failure, e.g. no port to bind.
public struct FaultServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
