import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct JSONLinesTests {
    let value: JSONValue = ["name": "Ada", "tags": ["x", 2, true, .null], "empty": [:], "nested": ["deep": [1.5]]]

    func texts(_ lines: [InspectorLine]) -> [String] { lines.map(\.text) }

    @Test func nestedValuesOneMemberPerLineSortedWithFoldGlyphs() {
        let lines = JSONLines.lines(value, path: "v", options: .init())
        #expect(
            texts(lines) == [
                "▾ {",
                "    \"empty\": {},",
                "    \"name\": \"Ada\",",
                "  ▾ \"nested\": {",
                "    ▾ \"deep\": [",
                "        1.5",
                "      ]",
                "    },",
                "  ▾ \"tags\": [",
                "      \"x\",",
                "      2,",
                "      true,",
                "      null",
                "    ]",
                "  }",
            ])
        #expect(lines.compactMap(\.foldID) == ["v", "v.nested", "v.nested.deep", "v.tags"])
        #expect(lines[4].depth == 2)
    }

    @Test func stylesByRole() {
        let theme = Theme.dark
        let lines = JSONLines.lines(value, path: "v", options: .init(theme: theme))
        let name = lines[2].segments
        #expect(name.contains { $0.text == "\"name\"" && $0.style == theme.jsonKey })
        #expect(name.contains { $0.text == "\"Ada\"" && $0.style == theme.jsonString })
        #expect(lines[10].segments.contains { $0.text == "2" && $0.style == theme.jsonNumber })
        #expect(lines[11].segments.contains { $0.text == "true" && $0.style == theme.jsonLiteral })
        #expect(lines[0].segments.contains { $0.text == "{" && $0.style == theme.punctuation })
    }

    @Test func foldedContainersShowACountOnOneLine() {
        let lines = JSONLines.lines(value, path: "v", options: .init(folded: ["v.tags", "v.nested"]))
        #expect(texts(lines).contains("  ▸ \"nested\": {…} 1 key,"))
        #expect(texts(lines).contains("  ▸ \"tags\": […] 4 items"))
        #expect(lines.count == 6)
        let whole = JSONLines.lines(value, path: "v", options: .init(folded: ["v"]))
        #expect(texts(whole) == ["▸ {…} 4 keys"])
    }

    @Test func membersUseTheirNameAndPathBelowTheSection() {
        let lines = JSONLines.members(
            ["json": ["items": [[:], ["a": 1]]], "text": "hi"], path: "outputs", options: .init())
        #expect(texts(lines).first == "▾ json: {")
        #expect(texts(lines).last == "  text: \"hi\"")
        #expect(lines.compactMap(\.foldID) == ["outputs.json", "outputs.json.items", "outputs.json.items[1]"])
        #expect(JSONLines.childPath("outputs", key: "a.b") == "outputs[\"a.b\"]")
    }

    @Test func multiLineStringsAreBlocksAndFold() {
        let prompt: JSONValue = .string("Summarize:\n{{article}}\n")
        let lines = JSONLines.members(["prompt": prompt], path: "config", options: .init())
        #expect(texts(lines) == ["▾ prompt: \"\"\"", "    Summarize:", "    {{article}}", "    ", "    \"\"\""])
        #expect(lines[0].foldID == "config.prompt")
        let folded = JSONLines.members(["prompt": prompt], path: "config", options: .init(folded: ["config.prompt"]))
        #expect(texts(folded) == ["▸ prompt: \"\"\"…\"\"\" 3 lines"])
    }

    @Test func wrapOnBreaksLongLinesWithHangingIndent() {
        let long: JSONValue = ["k": .string(String(repeating: "word ", count: 12))]
        let lines = JSONLines.lines(long, path: "v", options: .init(wrap: true, width: 24))
        #expect(lines.count > 3)
        for line in lines { #expect(line.width <= 24) }
        let pieces = lines.filter(\.isContinuation)
        #expect(!pieces.isEmpty)
        // Continuations hang two columns under the member they continue.
        for piece in pieces { #expect(piece.text.hasPrefix("      ")) }
        #expect(lines.map(\.text).joined().filter { $0 == "w" }.count == 12)
    }

    @Test func wrapOffClipsWithAnEllipsis() {
        let long: JSONValue = ["k": .string(String(repeating: "x", count: 100))]
        let lines = JSONLines.lines(long, path: "v", options: .init(wrap: false, width: 30))
        #expect(lines.count == 3)
        #expect(lines[1].width == 30)
        #expect(lines[1].text.hasSuffix("…"))
    }

    @Test func controlCharactersAreEscaped() {
        let nasty: JSONValue = [
            "e\u{1b}sc": .string("red \u{1b}[31m text\tand\u{7}bell"),
            "block": .string("one\n\u{1b}]0;title\u{7}\r\ntwo"),
        ]
        let lines = JSONLines.lines(nasty, path: "v", options: .init())
        for line in lines {
            for segment in line.segments {
                #expect(!segment.text.unicodeScalars.contains { VisibleText.isControl($0) })
            }
        }
        let text = texts(lines).joined(separator: "\n")
        #expect(text.contains("\"e\\x1bsc\": \"red \\x1b[31m text\\tand\\x07bell\""))
        #expect(text.contains("    \\x1b]0;title\\x07"))
        #expect(text.contains("      two"))
    }

    @Test func wideCharactersWrapByColumns() {
        let wide: JSONValue = ["k": .string(String(repeating: "日本語", count: 8))]
        let lines = JSONLines.lines(wide, path: "v", options: .init(wrap: true, width: 20))
        for line in lines { #expect(line.width <= 20) }
        #expect(lines.map(\.text).joined().filter { $0 == "語" }.count == 8)
        let clipped = JSONLines.lines(wide, path: "v", options: .init(wrap: false, width: 20))
        #expect(clipped[1].width <= 20)
    }

    @Test func asciiGlyphsForFoldsAndEllipsis() {
        let lines = JSONLines.lines(value, path: "v", options: .init(folded: ["v.tags"], glyphs: .ascii))
        #expect(texts(lines).first == "- {")
        #expect(texts(lines).contains("  + \"tags\": [~] 4 items"))
    }
}
