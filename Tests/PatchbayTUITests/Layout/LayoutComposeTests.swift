import Testing

@testable import PatchbayTUI

/// Layout files are read by the graph files' composer: repeated keys, syntax errors, nesting
/// and empty files all get a line and plain words.
@Suite struct LayoutComposeTests {
    func error(_ yaml: String) -> LayoutError? {
        do {
            _ = try LayoutSpec.parse(yaml, source: "layouts/test.yaml")
            Issue.record("parsed: \(yaml.prefix(60))")
            return nil
        } catch { return error }
    }

    @Test func aRepeatedKeyNamesBothLines() {
        let e = error("name: a\nsplit: columns\nchildren:\n  - pane: graph\nname: b\n")
        #expect(e?.line == 5)
        #expect(e?.message == "the key `name` is given twice (first on line 1)")
    }

    @Test func syntaxErrorsAreLocatedAndPlain() {
        let quote = error("name: 'mine\nsplit: columns\nchildren:\n  - pane: graph\n")
        #expect(
            quote?.line == 1 && quote?.message == "YAML syntax error: the quote opened here is never closed",
            "\(String(describing: quote))")
        let second = error("name: a\nsplit: columns\nchildren:\n  - pane: graph\n---\nname: b\n")
        #expect(
            second?.line == 5 && second?.message.contains("a layout file holds one") == true,
            "\(String(describing: second))")
        let deep = error("name: " + String(repeating: "[", count: 5_000))
        #expect(
            deep?.line == 1 && deep?.message.contains("nest more than 512 levels deep") == true,
            "\(String(describing: deep))")
    }

    @Test func emptyAndCommentOnlyFilesSayWhatALayoutStartsWith() {
        for (text, message) in [
            ("", "the file is empty"), ("# soon\n", "the file holds only comments and blank lines, no YAML value"),
        ] {
            let e = error(text)
            #expect(e?.line == 1 && e?.message == message, "\(String(describing: e))")
            #expect(e?.hint.contains("split: columns") == true)
        }
    }
}
