import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct PromptPreviewTests {
    @Test func rendersWithAllValues() {
        let result = PromptPreview.render(
            "Q: {{question}}\nN: {{n}}", inputs: ["question": .string("why?"), "n": .number(3)])
        #expect(result.text == "Q: why?\nN: 3")
        #expect(result.missing.isEmpty)
        #expect(result.error == nil)
    }

    @Test func listsEveryMissingValue() {
        let result = PromptPreview.render(
            "{{context}}\n{{question}} {{context}} {{given}}", inputs: ["given": .string("x")])
        #expect(result.text == nil)
        #expect(result.missing == ["context", "question"])
        #expect(result.error == nil)
    }

    @Test func aMissingFieldIsMissingByItsPath() {
        let result = PromptPreview.render("{{doc.title}}", inputs: ["doc": .object([:])])
        #expect(result.text == nil)
        #expect(result.missing == ["doc.title"])
    }

    @Test func aSyntaxErrorIsReportedWithItsPlace() {
        let result = PromptPreview.render("line one\n{{#items}} open", inputs: [:])
        #expect(result.text == nil)
        #expect(result.missing.isEmpty)
        let error = result.error ?? ""
        #expect(error.contains("never closed"))
        #expect(error.hasPrefix("template line"))
    }
}
