import Testing

@testable import PatchbayCore

@Suite struct MustacheTokenizerTests {
    private func kinds(_ text: String) -> [String] {
        MustacheTokenizer.tags(in: text).map { "\($0.kind):\($0.content)" }
    }

    @Test func readsEveryKindOfTag() {
        let text =
            "{{a}} {{{b}}} {{&c}} {{#d}}{{^e}}{{/e}}{{/d}} {{! note }} {{> p}} {{% CONTENT_TYPE: TEXT}} {{$f}}{{/f}}"
        #expect(
            kinds(text) == [
                "variable:a", "unescaped:b", "unescaped:c", "section:d", "inverted:e", "close:e", "close:d",
                "comment:note", "partial:p", "pragma:CONTENT_TYPE: TEXT", "block:f", "close:f",
            ])
    }

    @Test func rangesCoverTheWholeTagInCharacters() {
        let tags = MustacheTokenizer.tags(in: "日本 {{{x}}} {{ y }}")
        #expect(tags.map(\.range) == [3..<10, 11..<18])
    }

    @Test func followsDelimiterChanges() {
        let text = "{{=<% %>=}} <% name %> {{not}} <%#items%><%/items%>"
        #expect(kinds(text) == ["delimiters:=<% %>=", "variable:name", "section:items", "close:items"])
        #expect(TemplatePlaceholders.ports(in: text) == ["name", "items"])
    }

    @Test func pathsSkipTheCurrentItemAndReadTransforms() {
        let tags = MustacheTokenizer.tags(in: "{{doc.title}} {{.}} {{uppercased(name)}} {{! x}} {{}}")
        #expect(tags.map(\.path) == [["doc", "title"], nil, ["name"], nil])
    }

    @Test func anUnclosedTagEndsTheScan() {
        #expect(kinds("{{a}} {{b {{c}}") == ["variable:a", "variable:b {{c"])
        #expect(kinds("{{a}} {{b") == ["variable:a"])
    }

    @Test func validationNamesTheUnclosedSectionAndNestingFollowsDelimiters() {
        #expect(DocumentChecker.unclosedSections("{{#a}}{{#b}}{{/b}}{{^c}}") == ["a", "c"])
        let deep = "{{=<% %>=}}\n" + String(repeating: "<%#s%>", count: PromptTemplate.maxSectionDepth + 1)
        let at = PromptTemplate.tooDeepSection(in: deep)
        #expect(at?.line == 2)
        #expect(at?.column == 6 * PromptTemplate.maxSectionDepth + 1)
    }
}
