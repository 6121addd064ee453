import Foundation
import MCP
import PatchbayCore
import PatchbayProviders
import Synchronization

/// One server a run uses: the SDK's client over stdio to a program Patchbay started, or over
/// streamable HTTP to a URL. Calls may overlap; each has the server's timeout.
final class MCPConnection: Sendable {
    let server: MCPServerConfig
    let client: Client
    /// Nil for a URL server.
    let process: MCPServerProcess?
    private let monitor: Task<Void, Never>?
    /// The tools as first listed: a run's mcp nodes check their arguments against them before
    /// every call, so the list is asked for once and taken as fixed for the run.
    private let listed = Mutex<[ToolSpec]?>(nil)

    private init(server: MCPServerConfig, client: Client, process: MCPServerProcess?) {
        self.server = server
        self.client = client
        self.process = process
        // The SDK's receive loop spins once its stream has ended and leaves pending requests
        // waiting: when the program exits, disconnecting fails them at once and stops the loop.
        monitor = process.map { process in
            Task.detached { [client] in
                while process.isRunning, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(25)) }
                await client.disconnect()
            }
        }
    }

    /// Starts the server (or reaches it) and completes MCP's initialize handshake.
    static func open(_ server: MCPServerConfig, environment: [String: String], projectRoot: URL) async throws
        -> MCPConnection
    {
        let client = Client(name: "patchbay", version: "0.1")
        let connection: MCPConnection
        let transport: any Transport
        switch server.endpoint {
        case .command(let argv):
            let directory = server.directory.map { projectRoot.appendingPathComponent($0).standardizedFileURL.path }
            let variables = environment.merging(server.environment.mapValues(\.value)) { _, own in own }
            let process: MCPServerProcess
            do {
                process = try MCPServerProcess.launch(
                    argv, environment: variables, directory: directory ?? projectRoot.path)
            } catch {
                throw ToolError(
                    "MCP server `\(server.name)` (\(server.location)) could not be started: \(error)",
                    hint: "check `command` of [mcp.\(server.name)]")
            }
            connection = MCPConnection(server: server, client: client, process: process)
            transport = StdioTransport(input: process.input, output: process.output)
        case .url(let url):
            guard let endpoint = URL(string: url) else {
                throw ToolError("MCP server `\(server.name)` has a `url` that is not a URL: \(url)")
            }
            connection = MCPConnection(server: server, client: client, process: nil)
            transport = SSEDecodingTransport(endpoint: endpoint)
        }
        do {
            _ = try await connection.withDeadline("the initialize request", limit: server.startTimeout) {
                try await client.connect(transport: transport)
            }
        } catch {
            let failure = await connection.failure(error, during: "start-up")
            await connection.close()
            throw failure
        }
        return connection
    }

    /// Every tool the server offers, page by page (listed once per connection).
    func tools() async throws -> [ToolSpec] {
        if let known = listed.withLock({ $0 }) { return known }
        var all: [ToolSpec] = []
        var cursor: String?
        repeat {
            let page: (tools: [Tool], nextCursor: String?)
            do {
                let request = ListTools.request(cursor.map { .init(cursor: $0) } ?? .init())
                let context = try await client.send(request)
                let result = try await withDeadline("the tools/list request", cancelling: context.requestID) {
                    try await context.value
                }
                page = (result.tools, result.nextCursor)
            } catch {
                throw await failure(error, during: "listing its tools")
            }
            all += page.tools.map {
                ToolSpec(
                    name: $0.name, description: $0.description ?? "", parameters: JSONValue($0.inputSchema))
            }
            cursor = page.nextCursor
        } while cursor != nil
        listed.withLock { $0 = all }
        return all
    }

    /// Calls `tool`; a failure the tool reports is a result with `isError`, not a throw.
    func call(_ tool: String, arguments: [String: JSONValue]) async throws -> ToolResult {
        let request = CallTool.request(.init(name: tool, arguments: arguments.mapValues(\.mcpValue)))
        let answer: CallTool.Result
        do {
            let context = try await client.send(request)
            answer = try await withDeadline("`\(tool)`", cancelling: context.requestID) { try await context.value }
        } catch {
            throw await failure(error, during: "a call of `\(tool)`")
        }
        let texts = answer.content.compactMap { content -> String? in
            if case .text(let text, _, _) = content { return text }
            return nil
        }
        return ToolResult(
            text: texts.joined(separator: "\n"), structured: answer.structuredContent.map(JSONValue.init),
            isError: answer.isError ?? false)
    }

    /// Disconnects and stops the program (and everything it started).
    func close() async {
        monitor?.cancel()
        await client.disconnect()
        await process?.stop()
    }

    // MARK: - Deadlines and errors

    /// A step past the server's `timeout`, named for messages.
    struct Timeout: Error {
        var what: String
        var limit: Duration
    }

    /// Runs `body` with the server's timeout; past it, the request (if any) is cancelled on the
    /// server and `Timeout` thrown. The caller's cancellation is passed on the same way.
    private func withDeadline<T: Sendable>(
        _ what: String, cancelling request: ID? = nil, limit: Duration? = nil,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let timeout = limit ?? server.timeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            let outcome: T?
            do {
                outcome = try await group.next() ?? nil
            } catch {
                await abandon(request)
                throw error
            }
            guard let outcome else {
                await abandon(request)
                throw Timeout(what: what, limit: timeout)
            }
            return outcome
        }
    }

    /// Ends a request that will not be waited for: the group around it returns only once it
    /// has. Without a request (the handshake) the connection goes, which fails everything pending.
    private func abandon(_ request: ID?) async {
        if let request {
            try? await client.cancelRequest(request, reason: "timed out or cancelled")
        } else {
            await client.disconnect()
        }
    }

    /// The error to report for `error`: the server's exit with its last stderr lines, a
    /// timeout, or what the SDK said, each naming the server.
    private func failure(_ error: any Error, during what: String) async -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        let name = "MCP server `\(server.name)`"
        if let process, await process.process.waitForExit(within: .milliseconds(100)) != nil {
            await process.stderr.waitForEnd(within: .milliseconds(500))
            let status = process.terminationStatus ?? -1
            let tail = process.stderr.text()
            return ToolError(
                "\(name) exited during \(what) (status \(status))" + (tail.isEmpty ? "" : "; its last words:\n\(tail)"),
                hint: "check that `\(server.summary)` runs and speaks MCP on stdio (\(server.location))")
        }
        if let timeout = error as? Timeout {
            return ToolError(
                "\(name) did not answer \(timeout.what) within \(Self.seconds(timeout.limit))",
                hint: "raise `timeout` in [mcp.\(server.name)] (\(server.location)), default 30 s")
        }
        return ToolError("\(name) failed during \(what): \(error)", hint: "check the server (\(server.location))")
    }

    /// `30 s`, `0.5 s`.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value = Double(whole) + Double(fraction) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
