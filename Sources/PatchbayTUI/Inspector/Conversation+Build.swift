import Foundation
import PatchbayCore
import PatchbayPresentation

extension Conversation {
    /// The conversation of the tool loop of the node at `owner` (a step path with its indices),
    /// from the steps of a run so far: its turns' and calls' steps, the turn or call running
    /// now, and the call the run is paused before. Without turn steps, the node's own step's
    /// `messages` and `tool_calls` outputs. Nil when none of these says anything. A running
    /// turn shows the text streamed under its path so far.
    public static func build(
        owner: StepPath, steps: some Collection<Step>, nodeStep: Step? = nil, running: [StepPath: Date] = [:],
        pause: Pause? = nil, streaming: [StepPath: String] = [:]
    ) -> Conversation? {
        var turnSteps: [Int: Step] = [:]
        var callSteps: [Int: [Int: Step]] = [:]
        for step in steps {
            guard let place = ToolLoopPath(step.path), place.owner == owner else { continue }
            switch place {
            case .turn(_, let turn): turnSteps[turn] = step
            case .call(_, let turn, let call, _): callSteps[turn, default: [:]][call] = step
            }
        }
        var runningTurns: Set<Int> = []
        var runningCalls: Set<[Int]> = []
        for path in running.keys {
            switch ToolLoopPath(path) {
            case .turn(owner, let turn)?: runningTurns.insert(turn)
            case .call(owner, let turn, let call, _)?: runningCalls.insert([turn, call])
            default: break
            }
        }
        var pausedCall: (turn: Int, call: Int, arguments: JSONValue?)?
        if let pause, pause.position == .before, case .call(owner, let turn, let call, _)? = ToolLoopPath(pause.path) {
            pausedCall = (turn, call, pause.inputs["arguments"])
        }
        if turnSteps.isEmpty && runningTurns.isEmpty {
            guard let nodeStep, let messages = nodeStep.outputs["messages"]?.arrayValue else { return nil }
            return fromMessages(messages, calls: nodeStep.outputs["tool_calls"]?.arrayValue ?? [])
        }

        let first = turnSteps.keys.min()
        let promptMessages = first.flatMap { turnSteps[$0]?.inputs["messages"]?.arrayValue } ?? []
        let promptEnd = first == 0 ? promptMessages.count : loopStart(promptMessages)
        let prompt = promptMessages[..<promptEnd].map(message)

        var turns: [Turn] = []
        let last = max(turnSteps.keys.max() ?? 0, runningTurns.max() ?? 0)
        for index in 0...last {
            guard let step = turnSteps[index] else {
                if runningTurns.contains(index) {
                    let text = streaming[owner.appending("turn", index: index)] ?? ""
                    turns.append(Turn(index: index, text: text, status: .running))
                }
                continue
            }
            var turn = Turn(
                index: index, text: step.outputs["text"]?.stringValue ?? "", status: NodeStatus(step.status),
                duration: step.duration, usage: step.usage, error: step.error?.message)
            for (i, asked) in (step.outputs["tool_calls"]?.arrayValue ?? []).enumerated() {
                var call = Call(
                    id: asked["id"]?.stringValue ?? "", tool: asked["name"]?.stringValue ?? "",
                    arguments: asked["arguments"] ?? .null)
                if let done = callSteps[index]?[i] {
                    call.arguments = done.inputs["arguments"] ?? call.arguments
                    call.result = done.outputs["result"]
                    call.resultText = done.outputs["text"]?.stringValue ?? done.error?.message
                    call.isError = done.outputs["is_error"]?.boolValue ?? false
                    call.supplied = done.outputs["supplied"]?.boolValue ?? false
                    call.status = call.isError ? .failed : NodeStatus(done.status)
                    call.duration = done.duration
                    call.path = done.path
                } else if let pausedCall, pausedCall.turn == index, pausedCall.call == i {
                    call.arguments = pausedCall.arguments ?? call.arguments
                    call.status = .paused
                } else if runningCalls.contains([index, i]) {
                    call.status = .running
                }
                turn.calls.append(call)
            }
            turns.append(turn)
        }
        return Conversation(prompt: prompt, turns: turns)
    }

    /// From a finished node's outputs alone: its whole conversation and the calls it made.
    static func fromMessages(_ messages: [JSONValue], calls: [JSONValue]) -> Conversation {
        let start = loopStart(messages)
        var turns: [Turn] = []
        var answers: [String: String] = [:]
        for item in messages[start...] where item["role"]?.stringValue == "tool" {
            if let id = item["tool_call_id"]?.stringValue { answers[id] = item["content"]?.stringValue ?? "" }
        }
        for item in messages[start...] where item["role"]?.stringValue == "assistant" {
            let index = turns.count
            var turn = Turn(index: index, text: item["content"]?.stringValue ?? "")
            for asked in item["tool_calls"]?.arrayValue ?? [] {
                let id = asked["id"]?.stringValue ?? ""
                let made = calls.first { $0["id"]?.stringValue == id && $0["turn"]?.intValue == index }
                var call = Call(
                    id: id, tool: asked["name"]?.stringValue ?? "",
                    arguments: made?["arguments"] ?? asked["arguments"] ?? .null)
                call.result = made?["result"]
                call.resultText = answers[id]
                call.isError = made?["is_error"]?.boolValue ?? false
                call.status = call.isError ? .failed : (call.resultText == nil && made == nil ? .idle : .done)
                turn.calls.append(call)
            }
            turns.append(turn)
        }
        return Conversation(prompt: messages[..<start].map(message), turns: turns)
    }

    /// Where the loop's part of a conversation starts: after the last message that is not the
    /// model's or a tool's (the loop only adds those).
    static func loopStart(_ messages: [JSONValue]) -> Int {
        guard
            let last = messages.lastIndex(where: {
                let role = $0["role"]?.stringValue
                return role != "assistant" && role != "tool"
            })
        else { return 0 }
        return last + 1
    }

    static func message(_ value: JSONValue) -> Message {
        Message(role: value["role"]?.stringValue ?? "?", text: value["content"]?.stringValue ?? value.compactJSON)
    }
}
