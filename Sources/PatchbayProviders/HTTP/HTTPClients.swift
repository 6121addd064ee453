import AsyncHTTPClient
import NIOCore
import NIOHTTPCompression
import Synchronization

/// One HTTP client per connect timeout (async-http-client sets that per client, aliases set it
/// per alias); connections are pooled and shared by every run in the process.
final class HTTPClients: Sendable {
    private let clients = Mutex<[Duration: HTTPClient]>([:])

    func client(connectTimeout: Duration) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[connectTimeout] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout = .init(connect: .nanoseconds(Int64(connectTimeout.nanoseconds)))
            configuration.decompression = .enabled(limit: .ratio(50))
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[connectTimeout] = client
            return client
        }
    }

    func shutdown() async {
        let all = clients.withLock { clients in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }
}

extension Duration {
    var nanoseconds: Double { Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9 }
}
