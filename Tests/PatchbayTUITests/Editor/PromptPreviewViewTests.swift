import Foundation
import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct PromptPreviewViewTests {
    private func draw(_ result: PromptPreview.Result, width: Int = 80, height: Int = 24, scroll: Int = 0) -> CellBuffer
    {
        var buffer = CellBuffer(width: width, height: height)
        PromptPreviewView.draw(result, scroll: scroll, in: buffer.bounds, on: &buffer, theme: .dark)
        return buffer
    }

    private let review = JSONValue.string(
        "The charger it came with stopped working within a week, and the replacement I was sent "
            + "makes a high-pitched whine whenever the laptop is plugged in at night.")

    @Test func snapshotRendered80x24() {
        let template = classifyPrompt.replacingOccurrences(of: " ({{source}})", with: "")
        let result = PromptPreview.render(template, inputs: ["review": review])
        #expect(result.text != nil)
        Snapshot.expect(draw(result), named: "preview-rendered-80x24")
    }

    @Test func snapshotMissing80x24() {
        let template = """
            Answer the question from the context only.

            Context:
            {{#context}}- {{title}}: {{text}}
            {{/context}}
            Question: {{question}} ({{style}})
            Answer:
            """
        let result = PromptPreview.render(template, inputs: ["style": .string("short")])
        #expect(result.missing == ["context", "question"])
        let buffer = draw(result)
        Snapshot.expect(buffer, named: "preview-missing-80x24")
        #expect(buffer.line(0).hasPrefix("waiting for: context, question (run the graph or step to this node)"))
        #expect(buffer[0, 0].style == Theme.dark.dim)
        // Row 7 is "Question: {{question}} ({{style}})": the missing one marked, the given one not.
        #expect(buffer.line(7).hasPrefix("Question: {{question}} ({{style}})"))
        #expect(buffer[10, 7].style == Theme.dark.placeholderUnknown)
        #expect(buffer[24, 7].style == Theme.dark.placeholder)
    }

    @Test func softWrapBreaksAtSpacesByDisplayWidth() {
        let result = PromptPreview.Result(text: "aaa bbb 日本語 ccc\nx", template: "")
        let buffer = draw(result, width: 8, height: 5)
        #expect(buffer.text == "aaa bbb\n日本語\nccc\nx\n")
        let long = PromptPreview.Result(text: "abcdefghij", template: "")
        #expect(draw(long, width: 4, height: 3).text == "abcd\nefgh\nij")
        #expect(PromptPreviewView.lineCount(result, width: 8) == 4)
    }

    @Test func scrollSkipsRows() {
        let result = PromptPreview.Result(text: "one\ntwo\nthree", template: "")
        #expect(draw(result, width: 10, height: 2, scroll: 1).text == "two\nthree")
        #expect(draw(result, width: 10, height: 2, scroll: 9).text == "three\n", "clamped to the last row")
    }

    @Test func controlCharactersInValuesAreShownEscaped() {
        let result = PromptPreview.render("v: {{v}}", inputs: ["v": .string("a\u{1b}[2Jb\tc")])
        let buffer = draw(result, width: 30, height: 1)
        #expect(buffer.text == "v: a\\x1b[2Jb    c")
    }

    @Test func aSyntaxErrorIsShownAboveTheTemplate() {
        let result = PromptPreview.render("Hello {{#name}}", inputs: [:])
        let buffer = draw(result, width: 40, height: 8)
        #expect(buffer.text.hasPrefix("template line 1"))
        #expect(buffer[0, 0].style == Theme.dark.error)
        #expect(buffer.text.contains("Hello {{#name}}"))
    }
}
