import Foundation

/// A tool: as a server offers it, and as a model in an `llm` node's loop may call it: its name,
/// what it does, and a JSON Schema of its arguments object. Back ends send it in their own dialect (OpenAI `tools`, Anthropic
/// `tools`, or the prompted protocol for models without native tool calls).
public struct ToolSpec: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    /// A JSON Schema of the arguments object.
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// One call a model asked for in one turn.
public struct ToolCall: Sendable, Hashable, Codable {
    /// The back end's id for the call (OpenAI `call_…`, Anthropic `toolu_…`; made up by the
    /// prompted protocol), sent back with the result so the model can pair them.
    public var id: String
    public var name: String
    /// The arguments as the model wrote them, parsed. When they are not JSON, `.string` of the
    /// raw text and `argumentsError` says why, so the loop answers the model with the problem
    /// instead of calling the tool.
    public var arguments: JSONValue
    public var argumentsError: String?

    public init(id: String, name: String, arguments: JSONValue, argumentsError: String? = nil) {
        self.id = id
        self.name = name
        self.arguments = arguments
        self.argumentsError = argumentsError
    }

    /// A call from raw arguments text, as streamed: parsed when it is JSON (an empty text is `{}`).
    public init(id: String, name: String, rawArguments: String) {
        self.id = id
        self.name = name
        let trimmed = rawArguments.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            arguments = [:]
        } else {
            do {
                arguments = try JSONValue(parsing: trimmed)
            } catch {
                arguments = .string(rawArguments)
                argumentsError = "the arguments are not valid JSON (\(error))"
            }
        }
    }
}

/// The JSON forms steps record: a call in a turn's `tool_calls`, a message in a conversation.
extension ToolCall {
    public var json: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "name": .string(name), "arguments": arguments]
        if let argumentsError { object["arguments_error"] = .string(argumentsError) }
        return .object(object)
    }

    /// A call read back from `json`, as a recorded or cached turn holds it.
    public init(json value: JSONValue) {
        self.init(
            id: value["id"]?.stringValue ?? "", name: value["name"]?.stringValue ?? "",
            arguments: value["arguments"] ?? [:], argumentsError: value["arguments_error"]?.stringValue)
    }
}

extension ChatMessage {
    public var json: JSONValue {
        var object: [String: JSONValue] = ["role": .string(role), "content": .string(content)]
        if let toolCalls { object["tool_calls"] = .array(toolCalls.map(\.json)) }
        if let toolCallID { object["tool_call_id"] = .string(toolCallID) }
        if isError == true { object["is_error"] = true }
        return .object(object)
    }
}
