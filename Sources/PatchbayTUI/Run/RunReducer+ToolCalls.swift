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
