import Foundation
import PatchbayCore
import PatchbayPresentation

/// An `llm` node's tool loop as the inspector shows it: the prompt's messages, then each model
/// turn with its text and the tool calls it asked for, each call with the arguments it ran with
/// and what the model was told. Built from the run's turn and call steps (or, for a run recorded
/// without them, from the node's `messages` and `tool_calls` outputs); see `Conversation+Build`.
public struct Conversation: Sendable, Hashable {
    public struct Message: Sendable, Hashable {
        public var role: String
        public var text: String

        public init(role: String, text: String) {
            self.role = role
            self.text = text
        }
    }

    public struct Call: Sendable, Hashable {
        public var id: String
        public var tool: String
        /// As the tool got them (edited while paused), or as the model wrote them.
        public var arguments: JSONValue
        /// The tool's answer (structured when the tool gave structure); nil until it answers.
        public var result: JSONValue?
        /// What the model was told.
        public var resultText: String?
        public var isError: Bool
        /// The call was skipped while paused and its result typed by a person.
        public var supplied = false
        /// `done`, `failed`, `running`, `paused` (the run waits before it), `idle` (not run yet).
        public var status: NodeStatus
        public var duration: TimeInterval?
        /// The call's step (`agent/turn[0]/call[1]:get_current_time`), when it has one.
        public var path: StepPath?

        public init(
            id: String, tool: String, arguments: JSONValue, result: JSONValue? = nil, resultText: String? = nil,
            isError: Bool = false, status: NodeStatus = .idle, duration: TimeInterval? = nil, path: StepPath? = nil
        ) {
            self.id = id
            self.tool = tool
            self.arguments = arguments
            self.result = result
            self.resultText = resultText
            self.isError = isError
            self.status = status
            self.duration = duration
            self.path = path
        }
    }

    public struct Turn: Sendable, Hashable {
        public var index: Int
        /// The model's text (the answer, on the last turn); empty when it only called tools.
        public var text: String
        public var calls: [Call]
        public var status: NodeStatus
        public var duration: TimeInterval?
        public var usage: TokenUsage?
        /// Why the turn failed (the model call's error).
        public var error: String?

        public init(
            index: Int, text: String, calls: [Call] = [], status: NodeStatus = .done, duration: TimeInterval? = nil,
            usage: TokenUsage? = nil, error: String? = nil
        ) {
            self.index = index
            self.text = text
            self.calls = calls
            self.status = status
            self.duration = duration
            self.usage = usage
            self.error = error
        }
    }

    /// The messages the node started the loop with (system, user…).
    public var prompt: [Message]
    public var turns: [Turn]
    /// The call step the trace has selected: shown open, as a paused call is.
    public var focus: StepPath?

    public init(prompt: [Message], turns: [Turn]) {
        self.prompt = prompt
        self.turns = turns
    }

    /// The fold id of a prompt message, a turn and a call, below the section `section`. Calls
    /// are collapsed unless their id is open (`InspectorState.openCalls`).
    public static func messageID(_ section: String, _ index: Int) -> String { "\(section).prompt[\(index)]" }
    public static func turnID(_ section: String, _ turn: Int) -> String { "\(section).turn[\(turn)]" }
    public static func callID(_ section: String, turn: Int, call: Int) -> String {
        "\(section).turn[\(turn)].call[\(call)]"
    }
}
