import Testing

@testable import PatchbayTUI

@Suite struct PromptHighlighterTests {
    private func tags(_ line: String, _ spans: [PromptHighlighter.Span]) -> [String] {
        let chars = Array(line)
        return spans.map { String(chars[$0.range]) }
    }

    @Test func findsEveryKindOfTag() {
        let line = "Hi {{name}}, {{{raw}}} {{& amp }}{{! a note }}{{#items}}{{/items}}{{^none}}-{{/none}}"
        let spans = PromptHighlighter.spans(in: line, ports: ["name", "raw", "amp", "items"])
        #expect(
            tags(line, spans) == [
                "{{name}}", "{{{raw}}}", "{{& amp }}", "{{! a note }}", "{{#items}}", "{{/items}}", "{{^none}}",
                "{{/none}}",
            ])
        #expect(
            spans.map(\.kind) == [
                .placeholder("name"), .placeholder("raw"), .placeholder("amp"), .comment, .section, .section, .section,
                .section,
            ])
        #expect(spans.map(\.known) == [true, true, true, true, true, true, false, false])
        #expect(spans[0].range == 3..<11)
    }

    @Test func knownLooksAtTheFirstSegmentAndTransforms() {
        let spans = PromptHighlighter.spans(
            in: "{{doc.title}} {{other.x}} {{ uppercased(doc) }} {{.}}", ports: ["doc"])
        #expect(spans.map(\.name) == ["doc", "other", "doc", "."])
        #expect(spans.map(\.known) == [true, false, true, true])
        #expect(spans[0].kind == .placeholder("doc.title"))
    }

    @Test func rangesCountGraphemes() {
        let spans = PromptHighlighter.spans(in: "日本👍🏽 {{x}}", ports: [])
        #expect(spans.map(\.range) == [4..<9])
        #expect(spans[0].known == false)
    }

    @Test func unfinishedTagsAndPlainBracesAreLeftAlone() {
        #expect(PromptHighlighter.spans(in: "{{open and {single} }", ports: []).isEmpty)
        #expect(PromptHighlighter.spans(in: "{{}} {", ports: []).isEmpty)
        let spans = PromptHighlighter.spans(in: "{x} {{a}} {{b", ports: ["a"])
        #expect(spans.count == 1)
    }

    @Test func namesInsideASectionAreKnownAcrossLines() {
        let lines = ["{{#examples}}", "Q: {{question}}", "{{/examples}}", "{{question}}"].map { Array($0) }
        let spans = PromptHighlighter.spans(inLines: lines, ports: ["examples"])
        #expect(spans.map { $0.map(\.known) } == [[true], [true], [true], [false]])
    }
}
