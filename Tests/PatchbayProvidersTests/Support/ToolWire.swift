import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// Tool-loop turns against the loopback server through the hub, as an llm node makes them.
enum ToolWire {
    static let weather = ToolSpec(
        name: "weather", description: "The weather in a city.",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
    static let clock = ToolSpec(
        name: "clock", description: "The time in a zone.",
        parameters: ["type": "object", "properties": ["zone": ["type": "string"]]])

    /// A chat offering both tools.
    static func request(_ messages: [ChatMessage]) -> ModelRequest {
        var request = ModelRequest(messages: messages)
        request.tools = [weather, clock]
        return request
    }

    static let question = [
        ChatMessage(role: "system", content: "Be brief."),
        ChatMessage(role: "user", content: "Weather in Paris, time in Tokyo?"),
    ]

    /// A server playing `turns` and a hub of alias `fast` over it, in `kind`'s dialect; both
    /// stop after `body`.
    static func withServer<T>(
        _ kind: ProviderKind, turns: [FaultServer.Turn], limit: Int? = nil,
        _ body: (FaultServer, ProviderHub) async throws -> T
    ) async throws -> T {
        let server = try await FaultServer.start(.init(turns: turns))
        let hub = ProviderHubFloodTests.hub(server, kind: kind, limit: limit)
        do {
            let result = try await body(server, hub)
            await hub.shutdown()
            try await server.shutdown()
            return result
        } catch {
            await hub.shutdown()
            try await server.shutdown()
            throw error
        }
    }

    /// The body of the server's `index`th request.
    static func sent(_ server: FaultServer, _ index: Int) throws -> JSONValue {
        try JSONValue(parsing: try #require(server.requests.dropFirst(index).first).bodyString)
    }

    /// The conversation after a turn of calls: the assistant's turn, then one result per call.
    static func answered(_ messages: [ChatMessage], _ response: ModelResponse) -> [ChatMessage] {
        messages + [ChatMessage(role: "assistant", content: response.text, toolCalls: response.toolCalls)]
            + response.toolCalls.map {
                ChatMessage(role: "tool", content: "result of \($0.id)", toolCallID: $0.id)
            }
    }
}
