import Foundation
import PatchbayCore
import Testing

@testable import PatchbayMCP
@testable import PatchbayProviders

/// Servers reached by URL (streamable HTTP): the fixture server answering POSTs as JSON and as
/// server-sent events (Python servers' default, which the SDK's Linux transport leaves undecoded).
@Suite("MCP over streamable HTTP", .serialized)
struct MCPHTTPTests {
    /// The fixture serving HTTP on a free port, until `body` returns.
    static func withServer<T>(answering mode: String, _ body: (URL) async throws -> T) async throws -> T {
        let port = try LocalServerProcess.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try MCPServers.program("python"))
        process.arguments = [MCPServers.fixture, "http", String(port), mode]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: uvicorn waits on SIGTERM for kept-alive connections to close.
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while !Self.listens(port) {
            try #require(clock.now < deadline, "the fixture did not listen on \(port) within 20 s")
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await body(URL(string: "http://127.0.0.1:\(port)/mcp")!)
    }

    static func listens(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    @Test("tools listed and called over HTTP, answered as JSON or as events", arguments: ["json", "sse"])
    func callsOverHTTP(mode: String) async throws {
        try await Self.withServer(answering: mode) { url in
            let server = MCPServerConfig(name: "web", endpoint: .url(url.absoluteString), timeout: .seconds(10))
            let hub = MCPServers.hub(server)
            let use = MCPServers.use()
            let tools = try await hub.tools(on: "web", for: use).map(\.name)
            #expect(Set(tools) == ["pid", "slow", "crash", "echo"])
            let echo = try await hub.call("echo", on: "web", arguments: ["text": "over http"], for: use)
            #expect(echo.text == "over http")
            #expect(echo.value == ["result": "over http"])
            await hub.endRun(use.runID)
        }
    }

    @Test func eventStreamBodiesAreSplitIntoMessages() {
        let body = Data("event: message\r\ndata: {\"a\":1}\r\n\r\n: comment\ndata: {\"b\":\ndata: 2}\n\n".utf8)
        #expect(
            SSEDecodingTransport.messages(in: body).map { String(decoding: $0, as: UTF8.self) } == [
                #"{"a":1}"#, "{\"b\":\n2}",
            ])
        #expect(SSEDecodingTransport.messages(in: Data(" {\"c\":3}".utf8)).count == 1)
        #expect(SSEDecodingTransport.messages(in: Data()).isEmpty)
    }
}
