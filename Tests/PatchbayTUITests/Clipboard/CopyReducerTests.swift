import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// `y` copies what the focused pane has selected: the reducer says what and how much in the
/// status line, and asks the loop to write it (`copyToClipboard`).
@Suite struct CopyReducerTests {
    typealias F = AppFixtures

    static func copied(_ effects: [Effect]) -> String? {
        guard effects.count == 1, case .copyToClipboard(let text) = effects[0] else { return nil }
        return text
    }

    /// text-stats after a real run, `stats` selected.
    static func ranState() async throws -> AppState {
        var state = try F.textStatsState()
        F.apply(&state, try await F.textStatsRun())
        state.editing.selection = "stats"
        state.run.traceSelection = nil
        return state
    }

    @Test func inspectorCopiesTheValueUnderTheCursor() async throws {
        var state = try await Self.ranState()
        state.focus = .inspector
        let (lines, _) = AppReducer.inspectorLines(state)
        let words = try #require(lines.firstIndex { $0.text.contains("\"words\": ") })
        state.inspector.cursor = words
        let effects = F.keys(&state, .char("y"))
        #expect(Self.copied(effects) == "10")
        #expect(state.message?.text.hasPrefix("Copied 2 bytes: ") == true)
        #expect(state.message?.text.hasSuffix(".words") == true)

        // The object the line opens: all of it, as JSON.
        let open = try #require(lines[..<words].lastIndex { $0.foldID != nil && !$0.isHeading })
        state.inspector.cursor = open
        let object = try #require(Self.copied(F.keys(&state, .char("y"))))
        let parsed = try JSONValue(parsing: object)
        #expect(parsed["words"] == .number(10) && parsed["sentences"] == .number(2))
    }

    @Test func inspectorHeadingCopiesItsSection() async throws {
        var state = try await Self.ranState()
        state.focus = .inspector
        let (lines, _) = AppReducer.inspectorLines(state)
        state.inspector.cursor = try #require(lines.firstIndex { $0.isHeading && $0.foldID == "inputs" })
        let text = try #require(Self.copied(F.keys(&state, .char("y"))))
        // The jq node's one input port, the text it measured, as JSON.
        guard case .object(let members) = try JSONValue(parsing: text) else {
            Issue.record("not an object: \(text)")
            return
        }
        #expect(Array(members.values) == [F.shortText])
        #expect(state.message?.text.hasSuffix(": inputs") == true)
    }

    @Test func aStringIsCopiedAsItsTextAndAnErrorAsItsMessage() throws {
        var state = try F.textStatsState()
        let text = "line one\nline two \u{1B}[31m"
        let failed = F.step(1, "stats", .jq, .failed, error: StepError(message: "cannot index string with \"x\""))
        state.run.steps = [F.step(0, "report", .template, outputs: ["text": .string(text)]), failed]
        state.focus = .trace
        state.run.traceSelection = 0
        #expect(Self.copied(F.keys(&state, .char("y"))) == text)
        #expect(state.message?.text == "Copied \(text.utf8.count) bytes: `report`.text")
        state.run.traceSelection = 1
        #expect(Self.copied(F.keys(&state, .char("y"))) == "cannot index string with \"x\"")
        #expect(state.message?.text.hasSuffix("`stats`'s error") == true)
    }

    @Test func promptPaneCopiesThePrompt() throws {
        var state = try F.textStatsState()
        state.editing.selection = "report"
        state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        state.focus = .prompt
        let template = "{{s.words}} words, {{s.sentences}} sentences, {{s.characters}} characters."
        #expect(Self.copied(F.keys(&state, .char("y"))) == template)
        #expect(state.message?.text == "Copied \(template.utf8.count) bytes: `report`'s template")
    }

    @Test func previewPaneCopiesThePromptRenderedWithTheLastInputs() async throws {
        var state = try await Self.ranState()
        state.editing.selection = "report"
        state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        state.focus = .preview
        let rendered = "10 words, 2 sentences, 59 characters."
        #expect(Self.copied(F.keys(&state, .char("y"))) == rendered)
        #expect(state.message?.text == "Copied \(rendered.utf8.count) bytes: `report`'s template rendered")
    }

    @Test func aLargeValueIsCutAndTheStatusLineSaysSo() throws {
        var state = try F.textStatsState()
        let big = String(repeating: "x", count: 250_000)
        state.run.steps = [F.step(0, "report", .template, outputs: ["text": .string(big)])]
        state.focus = .trace
        let text = try #require(Self.copied(F.keys(&state, .char("y"))))
        #expect(text.utf8.count == ClipboardSequence.limit)
        #expect(
            state.message?.text
                == "Copied the first 100000 of 250000 bytes of `report`.text: a copy takes at most 100 kB")
        #expect(state.message?.level == .warning)
    }

    @Test func nothingToCopySaysWhatCanBe() throws {
        var state = try F.textStatsState()
        state.focus = .trace
        #expect(F.keys(&state, .char("y")).isEmpty)
        #expect(state.message?.level == .error)
        #expect(state.message?.text.hasPrefix("Nothing to copy here") == true)

        // A note (`not run yet`) is no value.
        state.message = nil
        state.editing.selection = "text"
        state.focus = .inspector
        let (lines, _) = AppReducer.inspectorLines(state)
        state.inspector.cursor = try #require(lines.firstIndex { $0.text.contains("not run yet") })
        #expect(F.keys(&state, .char("y")).isEmpty)
        #expect(state.message?.text.hasPrefix("Nothing to copy here") == true)
    }
}
