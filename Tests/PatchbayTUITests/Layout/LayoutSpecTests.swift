import Testing

@testable import PatchbayTUI

@Suite struct LayoutSpecTests {
    func error(_ yaml: String) -> LayoutError? {
        do {
            _ = try LayoutSpec.parse(yaml, source: "layouts/test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesTheExampleTree() throws {
        let spec = try LayoutSpec.parse(
            """
            name: mine
            split: columns
            children:
              - pane: graph
                size: 55%
              - split: rows
                children:
                  - pane: inspector
                  - pane: prompt
                    size: 12
            min_width: 70
            min_height: 20
            """, source: "mine.yaml")
        #expect(spec.name == "mine")
        #expect(spec.minWidth == 70 && spec.minHeight == 20)
        #expect(spec.panes == [.graph, .inspector, .prompt])
        #expect(
            spec.root
                == .split(
                    .columns,
                    children: [
                        .pane(.graph, size: .percent(55)),
                        .split(
                            .rows, children: [.pane(.inspector, size: nil), .pane(.prompt, size: .cells(12))], size: nil
                        ),
                    ], size: nil))
    }

    @Test func nameDefaultsToTheFileName() throws {
        let spec = try LayoutSpec.parse("pane: trace\n", source: "/home/me/.config/patchbay/layouts/tracing.yaml")
        #expect(spec.name == "tracing")
        #expect(spec.root == .pane(.trace, size: nil))
        #expect(spec.minWidth == 60 && spec.minHeight == 16)
    }

    @Test func unknownPaneSuggestsTheClosest() throws {
        let e = try #require(error("split: columns\nchildren:\n  - pane: grph\n  - pane: inspector\n"))
        #expect(e.line == 3)
        #expect(e.description.hasPrefix("layouts/test.yaml:3: unknown pane `grph`"))
        #expect(e.description.contains("did you mean `graph`?"))
        #expect(e.description.contains("graph, inspector, prompt, preview, output, trace, problems"))
    }

    @Test func badSizes() throws {
        for size in ["abc", "0", "150%", "-3", "40 %"] {
            let e = try #require(
                error("split: rows\nchildren:\n  - pane: graph\n    size: \(size)\n  - pane: trace\n"), "\(size)")
            #expect(e.line == 4)
            #expect(e.message.contains("bad size"))
            #expect(e.hint.contains("40%"))
        }
    }

    @Test func unknownKeys() throws {
        let top = try #require(error("name: x\nsplitt: rows\n"))
        #expect(top.line == 2)
        #expect(top.description.contains("unknown key `splitt`; did you mean `split`?"))
        let nested = try #require(error("split: rows\nchildren:\n  - pane: graph\n    min_width: 3\n"))
        #expect(nested.line == 4)
        #expect(nested.message == "unknown key `min_width`")
    }

    @Test func emptySplit() throws {
        let missing = try #require(error("split: rows\n"))
        #expect(missing.line == 1)
        #expect(missing.message == "this split has no children")
        let empty = try #require(error("split: rows\nchildren: []\n"))
        #expect(empty.line == 2)
    }

    @Test func paneUsedTwice() throws {
        let e = try #require(error("split: rows\nchildren:\n  - pane: graph\n  - pane: graph\n"))
        #expect(e.line == 4)
        #expect(e.message == "pane `graph` is used twice (first on line 3)")
    }

    @Test func otherMistakes() throws {
        #expect(
            try #require(error("split: diagonal\nchildren:\n  - pane: graph\n")).message.contains("`columns` or `rows`")
        )
        #expect(
            try #require(error("split: rows\nchildren:\n  - size: 3\n")).message.contains(
                "neither `pane:` nor `split:`"))
        #expect(try #require(error("split: rows\nchildren:\n  - pane: graph\nmin_width: wide\n")).line == 4)
        #expect(try #require(error("")).message == "the file is empty")
        #expect(try #require(error("- pane: graph\n")).message.contains("top level"))
    }

    @Test func yamlSyntaxErrorsGiveTheLine() throws {
        let e = try #require(error("split: rows\nchildren:\n  - pane: graph\n   - pane: [trace\n"))
        #expect(e.line != nil)
        #expect(e.description.hasPrefix("layouts/test.yaml:"))
        #expect(e.message.hasPrefix("YAML syntax"))
        #expect(e.hint.contains("indentation"))
    }
}
