import Foundation
import PatchbayCore

/// The prompted tool protocol, for aliases whose model or server has no tool calls of its own
/// (`tools = "prompted"`: the bundled base model, llama.cpp servers). The tools and the
/// conversation so far are written into the prompt; the model answers with one JSON object,
/// `{"tool": NAME, "arguments": {…}}` or `{"answer": "…"}`, held to that shape by the alias's
/// `constrain` mode (a grammar on the local model); the answer is read back into
/// `ModelResponse.toolCalls` or text, so the node sees what a native dialect gives it.
///
/// One call per turn: the shape has room for one. Documented in docs/tools.md.
struct PromptedTools: Sendable {
    var tools: [ToolSpec]
    /// The node's `schema:`, which a final answer must match (nil: free text).
    var answerSchema: JSONSchema?
    /// Send one raw prompt to `/completions` (a back end with `raw_completions`); else chat messages.
    var raw: Bool

    static let instruction =
        #"Reply with one JSON object: {"tool": NAME, "arguments": {...}} to call a tool, or {"answer": "..."} to answer."#

    /// The request as the back end gets it: the prompt in place of the tools, the answer's shape
    /// as its schema.
    func request(from request: ModelRequest) -> ModelRequest {
        var sent = request
        sent.tools = []
        sent.schema = schema
        if raw {
            sent.mode = .complete
            sent.prompt = prompt(request.messages)
            sent.messages = []
            // A model that is not constrained would otherwise write the next turns itself.
            sent.stop += ["\nUser:", "\nResult:"]
        } else {
            sent.messages = messages(request.messages)
        }
        return sent
    }

    /// The model's reply read back as a call or an answer. `conversation` is the request's, so
    /// made-up call ids (`call_1`, `call_2`…) do not repeat within it.
    func response(from reply: ModelResponse, conversation: [ChatMessage]) -> ModelResponse {
        var response = reply
        let id = "call_\(conversation.reduce(0) { $0 + ($1.toolCalls?.count ?? 0) } + 1)"
        switch Self.read(reply.text) {
        case .call(let name, let arguments, let error):
            response.text = ""
            response.toolCalls = [ToolCall(id: id, name: name, arguments: arguments, argumentsError: error)]
        case .answer(let text):
            response.text = text
            response.toolCalls = []
        }
        return response
    }

    enum Reading: Equatable {
        case call(name: String, arguments: JSONValue, error: String?)
        case answer(String)
    }

    /// Lenient, since an alias with `constrain = "none"` is held to nothing: the JSON is found in
    /// prose or fences (`JSONExtraction`). An object with `tool` is a call (arguments that are not
    /// an object: the call carries `argumentsError`); with `answer`, the answer. Text that holds
    /// `"tool": "NAME"` and no parseable JSON is a call to NAME with `argumentsError`, so the model
    /// is told; anything else is a plain text answer, as written.
    static func read(_ text: String) -> Reading {
        if case .object(let fields)? = try? JSONExtraction.extract(from: text) {
            if let tool = fields["tool"] {
                let name = tool.stringValue ?? tool.compactJSON
                let arguments = fields["arguments"] ?? [:]
                if case .object = arguments { return .call(name: name, arguments: arguments, error: nil) }
                return .call(
                    name: name, arguments: .string(arguments.compactJSON),
                    error: "the arguments are not a JSON object: `\(arguments.compactJSON)`")
            }
            if let answer = fields["answer"] { return .answer(answer.stringValue ?? answer.compactJSON) }
        }
        if let name = calledName(in: text) {
            return .call(
                name: name, arguments: .string(text), error: "the call is not valid JSON; write one JSON object")
        }
        return .answer(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func calledName(in text: String) -> String? {
        guard let match = text.firstMatch(of: /"tool"\s*:\s*"([^"\\]+)"/) else { return nil }
        return String(match.1)
    }
}

// MARK: - The prompt

extension PromptedTools {
    /// The tool list and the instruction, short: a 270M base model reads it.
    var toolsBlock: String {
        var lines = ["You can call these tools:"]
        for tool in tools {
            lines.append("- \(tool.name): \(Self.oneLine(tool.description))")
            let properties = tool.parameters["properties"]?.objectValue ?? [:]
            let required = Set(tool.parameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for name in properties.keys.sorted() {
                let property = properties[name]!
                var line = "  \(name) (\(Self.typeName(property))\(required.contains(name) ? ", required" : ""))"
                if let about = property["description"]?.stringValue { line += ": \(Self.oneLine(about))" }
                lines.append(line)
            }
        }
        lines.append(Self.instruction)
        return lines.joined(separator: "\n")
    }

    /// Complete mode: the system text, the tools, then the conversation as `User:`,
    /// `Assistant:` and `Result:` lines, ending with `Assistant:` for the model to go on.
    func prompt(_ conversation: [ChatMessage]) -> String {
        var parts: [String] = conversation.filter { $0.role == "system" }.map(\.content)
        parts.append(toolsBlock)
        var turns: [String] = []
        for message in conversation where message.role != "system" {
            switch message.role {
            case "assistant": turns.append("Assistant: " + Self.reply(message))
            case "tool": turns.append("Result: " + message.content)
            default: turns.append("User: " + message.content)
            }
        }
        turns.append("Assistant:")
        return parts.joined(separator: "\n\n") + "\n\n" + turns.joined(separator: "\n")
    }

    /// Chat mode: the tools in the system message; earlier calls and answers as the assistant
    /// wrote them (JSON), results as user messages.
    func messages(_ conversation: [ChatMessage]) -> [ChatMessage] {
        let system = (conversation.filter { $0.role == "system" }.map(\.content) + [toolsBlock])
            .joined(separator: "\n\n")
        var messages = [ChatMessage(role: "system", content: system)]
        for message in conversation where message.role != "system" {
            switch message.role {
            case "assistant": messages.append(ChatMessage(role: "assistant", content: Self.reply(message)))
            case "tool": messages.append(ChatMessage(role: "user", content: "Result: " + message.content))
            default: messages.append(ChatMessage(role: message.role, content: message.content))
            }
        }
        return messages
    }

    /// An earlier assistant turn in the protocol's own form: its calls, one object each, or its answer.
    static func reply(_ message: ChatMessage) -> String {
        if let calls = message.toolCalls, !calls.isEmpty {
            return calls.map { call in
                let arguments =
                    call.argumentsError == nil ? call.arguments.compactJSON : call.arguments.stringValue ?? "{}"
                return #"{"tool": \#(JSONValue.string(call.name).compactJSON), "arguments": \#(arguments)}"#
            }.joined(separator: "\n")
        }
        return #"{"answer": \#(JSONValue.string(message.content).compactJSON)}"#
    }

    static func typeName(_ schema: JSONValue) -> String {
        if let values = schema["enum"]?.arrayValue {
            return "one of " + values.map(\.compactJSON).joined(separator: ", ")
        }
        if let type = schema["type"]?.stringValue { return type }
        if let types = schema["type"]?.arrayValue { return types.compactMap(\.stringValue).joined(separator: " or ") }
        return "any"
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
