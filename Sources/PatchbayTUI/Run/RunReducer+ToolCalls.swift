import PatchbayCore

/// The debugger before a tool call of an `llm` node's loop: edit the arguments the tool gets
/// (in `$EDITOR`), or skip the call and give the model a result typed here.
extension RunReducer {
    /// The pause, when the run is stopped before a tool call.
    static func pausedCall(_ state: AppState) -> Pause? {
        guard let pause = state.run.pause, pause.position == .before, case .call? = ToolLoopPath(pause.path) else {
            return nil
        }
        return pause
    }

    /// `NODE/turn/call` for each `llm` node with tools: what `:break` completes.
    static func toolCallBreakpoints(_ state: AppState) -> [String] {
        state.graph.nodes.filter { $0.kind == .llm && $0["tools"] != nil }.map { $0.id + "/turn/call" }
    }

    /// `:break agent/turn/call` (before every call of the node's loop) or
    /// `:break agent/turn/call:get_current_time` (before that tool's calls only).
    static func toggleToolCallBreakpoint(_ state: inout AppState, _ target: String) -> [Effect] {
        let parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[1] == "turn",
            parts[2] == "call" || (parts[2].hasPrefix("call:") && parts[2].count > 5),
            let node = state.graph[parts[0]], node.kind == .llm, node["tools"] != nil
        else {
            state.fail(
                "`\(target)` is not a tool call: write NODE/turn/call or NODE/turn/call:TOOL, NODE an llm node with tools"
            )
            return []
        }
        let on = !state.run.breakpoints.contains(target)
        if on { state.run.breakpoints.insert(target) } else { state.run.breakpoints.remove(target) }
        state.info(on ? "Breakpoint before the tool calls of `\(target)`" : "Breakpoint removed from `\(target)`")
        return [.setBreakpoint(target, on: on)]
    }

    static func editCallArguments(_ state: inout AppState) -> [Effect] {
        guard let pause = pausedCall(state) else {
            state.warn("The run is not paused before a tool call (a breakpoint on `NODE/turn/call` stops there)")
            return []
        }
        // Text that was not JSON last time comes back as it was typed.
        if let draft = state.run.argumentsDraft, draft.path == pause.path {
            return [.editCallArguments(text: draft.text, path: pause.path)]
        }
        let arguments = pause.inputs["arguments"] ?? .object([:])
        return [.editCallArguments(text: arguments.prettyJSON + "\n", path: pause.path)]
    }

    /// `$EDITOR` came back: JSON goes to the paused call; anything else is refused and kept.
    static func argumentsEdited(_ state: inout AppState, path: StepPath, text: String?) -> [Effect] {
        guard let pause = pausedCall(state), pause.path == path else {
            state.warn("The run moved on from `\(ToolLoopPath.label(path))`; the edited arguments were not used")
            return []
        }
        guard let text else {
            state.info("Arguments unchanged")
            return []
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            state.run.argumentsDraft = CallDraft(path: path, text: text)
            state.fail("The arguments are not JSON (\(error)); unchanged. e opens your text again")
            return []
        }
        state.run.argumentsDraft = nil
        state.run.pause?.inputs["arguments"] = value
        state.info("Arguments changed; the tool gets them (n runs the call)")
        return [.debug(.editInputs(["arguments": value]))]
    }

    static func askForResult(_ state: inout AppState) -> [Effect] {
        guard let pause = pausedCall(state) else {
            state.warn("The run is not paused before a tool call: only a call's result can be supplied")
            return []
        }
        state.popups.stack.append(.input(.prefilled("\"\""), purpose: .callResult(pause.path)))
        return []
    }

    /// A typed result: JSON skips the call and goes to the model; anything else is refused and
    /// the line stays open with the text.
    static func resultEntered(_ state: inout AppState, _ text: String, for path: StepPath) -> [Effect] {
        guard let pause = pausedCall(state), pause.path == path else {
            state.warn("The run moved on from `\(ToolLoopPath.label(path))`; nothing was supplied")
            return []
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            state.popups.stack.append(.input(.prefilled(text), purpose: .callResult(path)))
            state.fail("Not JSON (\(error)); write a string in quotes, e.g. \"14:02\"")
            return []
        }
        state.run.argumentsDraft = nil
        state.run.pause = nil
        state.info("Skipped `\(ToolLoopPath.label(path))`; the model gets the result you gave")
        return [.debug(.supplyResult(value))]
    }
}
