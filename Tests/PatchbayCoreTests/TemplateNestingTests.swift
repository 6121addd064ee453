import Testing

@testable import PatchbayCore

/// Sections nested past `PromptTemplate.maxSectionDepth` are refused before swift-mustache, whose
/// recursive parser crashed on 20,000 of them.
@Suite struct TemplateNestingTests {
    static func nested(_ depth: Int, open: String = "{{", close: String = "}}") -> String {
        (0..<depth).map { "\(open)#s\($0)\(close)" }.joined() + "x"
            + (0..<depth).reversed().map { "\(open)/s\($0)\(close)" }.joined()
    }

    @Test func theLimitItselfParsesAndOneMoreIsRefusedWhereItOpens() throws {
        let limit = PromptTemplate.maxSectionDepth
        _ = try PromptTemplate(Self.nested(limit))
        let error = #expect(throws: PromptTemplateError.self) { try PromptTemplate("a\n" + Self.nested(limit + 1)) }
        #expect(error?.message == "sections nest more than 100 deep")
        // The 101st `{{#s100}}` starts after 100 tags of 7 or 8 characters on line 2.
        let column = (0..<limit).map { "{{#s\($0)}}".count }.reduce(1, +)
        #expect(error?.line == 2 && error?.column == column)
    }

    @Test("20,000 nested sections, and the same behind changed delimiters, are refused, not a crash")
    func deepTemplatesDoNotCrash() {
        for text in [Self.nested(20_000), "{{=<% %>=}}" + Self.nested(20_000, open: "<%", close: "%>")] {
            #expect(throws: PromptTemplateError.self) { try PromptTemplate(text) }
            #expect(DocumentChecker.parseProblem(text)?.message.hasPrefix("sections nest more than 100 deep") == true)
        }
    }

    @Test func closedSectionsDoNotAddUp() throws {
        let siblings = String(repeating: "{{#a}}{{#b}}x{{/b}}{{/a}}", count: 5_000)
        #expect(PromptTemplate.tooDeepSection(in: siblings) == nil)
        _ = try PromptTemplate(siblings)
    }
}
