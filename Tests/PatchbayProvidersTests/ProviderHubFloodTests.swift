import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// A server that never stops sending: one endless line, an event that never ends, an answer that
/// never ends, a JSON body that never closes. The hub stops at `value_bytes`, names the alias,
/// the URL and the limit, doesn't retry, and reads little past the limit: the fault server counts
/// what got out (the client's and kernel's buffers are the slack), out of a 2 GiB flood.
@Suite("Provider hub against a flooding server")
struct ProviderHubFloodTests {
    static let flood = 2 << 30
    /// Socket buffers and the client's read-ahead: what may get out after the client stops. On
    /// loopback that is whatever arrives before the hang-up is scheduled: a full-suite run on 2
    /// cores once read 67 MB past a 1 MiB limit, so the bound is an eighth of the flood, which a
    /// client reading to the end still fails by far.
    static let slack = 256 << 20

    /// `ProviderHubFaultTests.hub` (alias `fast`, 2 retries) with `value_bytes` set.
    static func hub(_ server: FaultServer, kind: ProviderKind = .openai, limit: Int? = nil) -> ProviderHub {
        let base = ProviderHubFaultTests.hub(server, kind: kind)
        var config = base.config
        if let limit { config.limits.valueBytes = limit }
        return ProviderHub(config: config, environment: base.environment, local: nil, backoff: base.backoff)
    }

    /// Asks once against `fault`; the error, how long it took, and the bytes the server got out
    /// once the connection has settled.
    static func floodFailure(
        _ fault: Fault, kind: ProviderKind = .openai, limit: Int? = nil
    ) async throws -> (error: ModelError?, elapsed: Duration, sent: Int, requests: Int, url: String) {
        let server = try await FaultServer.start(.init(faults: [fault]))
        defer { Task { try await server.shutdown() } }
        let hub = Self.hub(server, kind: kind, limit: limit)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await ProviderHubFaultTests.failure { try await ProviderHubFaultTests.ask(hub) }
        let elapsed = clock.now - start
        await hub.shutdown()
        // The server stops at its next write once the client has hung up.
        try await Task.sleep(for: .milliseconds(200))
        return (error, elapsed, server.floodedBytes, server.requestCount, server.baseURL)
    }

    @Test(
        "one endless SSE line stops at value_bytes with the alias, URL and limit named",
        arguments: [ProviderKind.openai, .anthropic])
    func endlessLine(kind: ProviderKind) async throws {
        let limit = 1 << 20
        let r = try await Self.floodFailure(.flood(.line, bytes: Self.flood), kind: kind, limit: limit)
        let error = try #require(r.error)
        #expect(
            error.message.contains(
                "for alias `fast` at \(r.url) sent a single event-stream line over the value_bytes limit (1048576 bytes)"
            ), "\(error)")
        #expect(error.hint?.description.contains("`[limits] value_bytes = 2097152`") == true, "\(error)")
        #expect(r.requests == 1, "not retried: the same server would send the same")
        #expect(r.sent > limit && r.sent < limit + Self.slack, "read \(r.sent) bytes of the flood")
        #expect(r.elapsed < .seconds(20))
    }

    @Test("with the default value_bytes (64 MiB) an endless line is cut there, not read to the end")
    func endlessLineDefault() async throws {
        let r = try await Self.floodFailure(.flood(.line, bytes: Self.flood))
        let error = try #require(r.error)
        #expect(error.message.contains("over the value_bytes limit (67108864 bytes)"), "\(error)")
        #expect(r.sent > 64 << 20 && r.sent < (64 << 20) + Self.slack, "read \(r.sent) bytes of the flood")
        #expect(r.elapsed < .seconds(60))
    }

    @Test("short data: lines that never end their event are cut at value_bytes")
    func endlessEvent() async throws {
        let r = try await Self.floodFailure(.flood(.event, bytes: Self.flood), limit: 1 << 20)
        let error = try #require(r.error)
        #expect(error.message.contains("sent a single event over the value_bytes limit (1048576 bytes)"), "\(error)")
        #expect(r.requests == 1)
        #expect(r.sent < (1 << 20) * 4 + Self.slack, "read \(r.sent) bytes of the flood")
    }

    @Test(
        "an answer whose deltas never stop is cut at value_bytes, for callers that don't count tokens (judges)",
        arguments: [ProviderKind.openai, .anthropic])
    func endlessAnswer(kind: ProviderKind) async throws {
        let limit = 64 << 10
        let r = try await Self.floodFailure(.flood(.answer, bytes: Self.flood), kind: kind, limit: limit)
        let error = try #require(r.error)
        #expect(error.message.contains("sent an answer over the value_bytes limit (65536 bytes)"), "\(error)")
        #expect(r.requests == 1)
        // Each 1-byte delta travels in an event of under 300 bytes.
        #expect(r.sent < limit * 300 + Self.slack, "read \(r.sent) bytes of the flood")
    }

    @Test("a JSON body that never closes, where a stream was asked for, is cut at value_bytes")
    func endlessJSON() async throws {
        let r = try await Self.floodFailure(.flood(.json, bytes: Self.flood), limit: 1 << 20)
        let error = try #require(r.error)
        #expect(
            error.message.contains(
                "sent a JSON body (not the event stream asked for) over the value_bytes limit (1048576 bytes)"),
            "\(error)")
        #expect(r.requests == 1)
        #expect(r.sent < (1 << 20) + Self.slack, "read \(r.sent) bytes of the flood")
    }

    @Test("a small JSON body where a stream was asked for is reported as such, its API error shown; not a cut stream")
    func jsonInsteadOfStream() async throws {
        let api = #"{"error": {"message": "model is still loading", "type": "invalid_request_error"}}"#
        let withError = try await Self.floodFailure(.status(200, body: api))
        #expect(
            withError.error?.message.contains("model is still loading") == true,
            "\(String(describing: withError.error))")
        let plain = try await Self.floodFailure(.status(200, body: #"{"choices": []}"#))
        #expect(
            plain.error?.message.contains("a JSON body instead of the event stream asked for (`stream: true`)") == true,
            "\(String(describing: plain.error))")
        #expect(plain.requests == 1, "malformed: not retried")
    }
}
