import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The reducer before a tool call: what a pause there changes, what `e`, `S` and `x` ask for,
/// and what comes of the editor's text. Every change is stated (TestStore).
@Suite struct ToolCallReducerTests {
    typealias C = ConversationFixtures
    static let callPath = C.pause.path

    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent: { kind: llm, prompt: "{{question}}", tools: [{ mcp: time }] }
        wires:
          - question -> agent.question

        """

    /// The agent ran turn 0 and waits before its first call (`paused`) or is about to.
    static func pausedStore(paused: Bool = true) throws -> TestStore {
        var state = AppFixtures.state(try AppFixtures.graph(graph))
        state.editing.selection = "question"
        _ = AppFixtures.apply(
            &state,
            [
                .runStarted(runID: "r", plan: ["question", "agent"]),
                .nodeFinished(C.run[0]),
                .nodeStarted(path: StepPath(node: "agent"), inputs: ["question": "What time is it in Tokyo?"]),
                .nodeFinished(C.turn0),
            ] + (paused ? [.paused(C.pause)] : []))
        return TestStore(state)
    }

    @Test func aPauseBeforeACallSelectsTheNodeAndOffersTheCallKeys() throws {
        var store = try Self.pausedStore(paused: false)
        store.send(.run(.report(.event(.paused(C.pause)))), says: .info) {
            $0.run.pause = C.pause
            $0.run.statuses["agent/turn/call"] = .paused
            $0.run.statuses["agent"] = .paused
            $0.editing.selection = "agent"
            $0.promptEditor.current = PromptEditorReducer.promptState(for: $0)
        }
        #expect(store.state.message?.text.contains("e edits the arguments, S supplies a result") == true)
        let hints = Screen().statusLine(store.state).hints.map(\.label)
        #expect(hints.prefix(5) == ["step", "continue", "arguments", "supply", "cancel"])
    }

    @Test func eSendsTheArgumentsToTheEditorAndJSONBackToTheSession() throws {
        var store = try Self.pausedStore()
        let text = "{\n  \"timezone\": \"Europe/Paris\"\n}\n"
        store.press(.char("e"), effects: [.editCallArguments(text: text, path: Self.callPath)])
        store.send(
            .run(.report(.argumentsEdited(path: Self.callPath, text: #"{"timezone": "Asia/Seoul"}"#))),
            effects: [.debug(.editInputs(["arguments": ["timezone": "Asia/Seoul"]]))], says: .info
        ) {
            $0.run.pause?.inputs["arguments"] = ["timezone": "Asia/Seoul"]
        }
        // In the inspector `e` is the prompt's external editor, except before a call.
        store.send(.view(.focus(2))) { $0.focus = .inspector }
        store.press(
            .char("e"),
            effects: [.editCallArguments(text: "{\n  \"timezone\": \"Asia/Seoul\"\n}\n", path: Self.callPath)])
    }

    @Test func textThatIsNotJSONIsRefusedAndKeptForTheNextEdit() throws {
        var store = try Self.pausedStore()
        store.send(.run(.report(.argumentsEdited(path: Self.callPath, text: "{timezone: Paris"))), says: .error) {
            $0.run.argumentsDraft = CallDraft(path: Self.callPath, text: "{timezone: Paris")
        }
        store.press(.char("e"), effects: [.editCallArguments(text: "{timezone: Paris", path: Self.callPath)])
        // Unchanged in the editor: nothing to do.
        store.send(.run(.report(.argumentsEdited(path: Self.callPath, text: nil))), says: .info)
    }

    @Test func theInputsFormTakesOnlyJSONArguments() throws {
        var store = try Self.pausedStore()
        store.press(.char("I")) {
            $0.popups.stack = [
                .form(
                    FormModel.values(C.pause.inputs, title: "Inputs of `\(Self.callPath)`"), purpose: .pausedInputs)
            ]
        }
        guard case .form(var form, .pausedInputs)? = store.state.popups.stack.last else {
            Issue.record("no form")
            return
        }
        #expect(form.fields.map(\.name) == ["arguments"])
        form.fields[0].value = EditableText("{timezone")
        store.setUp { $0.popups.stack = [.form(form, purpose: .pausedInputs)] }
        // Not JSON: the form stays as typed, nothing goes to the session.
        store.press(.enter, says: .error)
        form.fields[0].value = EditableText(#"{"timezone": "UTC"}"#)
        store.setUp { $0.popups.stack = [.form(form, purpose: .pausedInputs)] }
        store.press(.enter, effects: [.debug(.editInputs(["arguments": ["timezone": "UTC"]]))], says: .info) {
            $0.popups.stack = []
            // Shown at once, before the call runs (issue 16, item 4).
            $0.run.pause?.inputs["arguments"] = ["timezone": "UTC"]
        }
    }

    @Test func editsForACallTheRunLeftAreDropped() throws {
        var store = try Self.pausedStore(paused: false)
        store.send(.run(.report(.argumentsEdited(path: Self.callPath, text: "{}"))), says: .warning)
        store.press(.char("e"), says: .warning)
        store.press(.char("S"), says: .warning)
    }

    @Test func sAsksForAResultAndJSONSkipsTheCall() throws {
        var store = try Self.pausedStore()
        store.press(.char("S")) {
            $0.popups.stack = [.input(.prefilled("\"\""), purpose: .callResult(Self.callPath))]
        }
        store.press(.enter, effects: [.debug(.supplyResult(""))], says: .info) {
            $0.popups.stack = []
            $0.run.pause = nil
        }
    }

    @Test func xOpensTheCallUnderTheInspectorCursor() throws {
        var store = try Self.pausedStore()
        store.send(.view(.focus(2))) { $0.focus = .inspector }
        let pane = try #require(Screen.solve(store.state).rect(of: .inspector)).inset(by: 1)
        let lines = Screen.inspectorLines(store.state, width: pane.width)
        let closed = try #require(lines.firstIndex { $0.callID != nil && $0.text.contains("get_weather") })
        let id = Conversation.callID("conversation", turn: 0, call: 1)
        store.setUp { $0.inspector.cursor = closed }
        store.press(.char("x")) { $0.inspector.openCalls = [id] }
        store.press(.char("x")) { $0.inspector.openCalls = [] }
    }
}
