import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// `E` on a node: template text goes to the prompt editor, everything else (including chat
/// `messages`, a list) to a one-line editor that reads JSON.
@Suite struct FieldEditTests {
    typealias F = AppFixtures

    static let chat = """
        patchbay: 1
        nodes:
          ask: { kind: llm, messages: [{ role: user, content: 'Hi {{name}}' }] }
          name: { kind: input, type: string }
        wires:
          - name -> ask.name
        """

    @Test func messagesAreEditedAsJSONNotAsText() throws {
        var state = F.state(try F.graph(Self.chat))
        state.editing.selection = "ask"
        _ = F.keys(&state, .char("E"))
        _ = F.choose(&state, "messages")
        guard case .input(let line, .fieldValue(node: "ask", field: "messages"))? = state.popups.stack.last else {
            Issue.record("no one-line editor for messages: \(String(describing: state.popups.stack.last))")
            return
        }
        #expect(line.text == #"[{"content":"Hi {{name}}","role":"user"}]"#)
        #expect(state.promptEditor.current?.editing != true)
        let effects = F.keys(&state, .end, .backspace, .char(","), .char("{"), .char("}"), .char("]"), .enter)
        #expect(F.names(effects) == ["validate"])
        #expect(state.graph["ask"]?["messages"]?.arrayValue?.count == 2)
    }

    @Test func templateTextOpensThePromptEditor() throws {
        var state = F.state(try F.graph(Self.chat))
        state.editing.selection = "ask"
        _ = F.keys(&state, .char("E"))
        _ = F.choose(&state, "system")
        #expect(state.focus == .prompt)
        #expect(state.promptEditor.current?.field == "system")
        #expect(state.promptEditor.current?.editing == true)
    }
}
