import Foundation
import Testing
import Yams

@testable import PatchbayCore

/// The one-pass composer graph files, cases YAML and layouts are read with: the same tree as
/// Yams, every duplicate in one pass, and libyaml's errors located and in plain words.
@Suite struct YAMLComposerTests {
    static let sampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-graphs")

    func compose(_ text: String, document: String = "a graph file") throws -> YAMLComposer.Composed {
        try YAMLComposer(document: document).compose(text)
    }

    func failure(_ text: String) -> YAMLComposeError? {
        do {
            _ = try YAMLComposer().compose(text)
            Issue.record("composed without error: \(text.prefix(80))")
            return nil
        } catch { return error }
    }

    func decodeProblems(_ text: String, path: String = "g.graph.yaml") -> [Diagnostic] {
        do {
            _ = try GraphCodec.decode(text, path: path)
            Issue.record("decoded without error")
            return []
        } catch let error as GraphFileError { return error.diagnostics } catch {
            Issue.record("\(error)")
            return []
        }
    }

    /// Node equality ignores marks and scalar styles; compare them too, all the way down.
    func marks(_ node: Yams.Node?) -> [String] {
        guard let node else { return [] }
        var out: [String] = []
        var stack = [node]
        while let next = stack.popLast() {
            out.append("\(next.mark.map { "\($0.line):\($0.column)" } ?? "-") \(next.tag.description)")
            switch next {
            case .scalar(let s): out.append("\(s.style)")
            // Collection styles differ on purpose: Yams reads them from the end event (always
            // `.any`), the composer from the start event. Nothing reads them.
            case .mapping(let m):
                for (k, v) in m.reversed() {
                    stack.append(v)
                    stack.append(k)
                }
            case .sequence(let s): stack.append(contentsOf: s.reversed())
            case .alias: break
            }
        }
        return out
    }

    @Test func sameTreeAsYamsOverSamplesAndTrickyYAML() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sampleFolder.path).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(files.count >= 5)
        var texts = try files.map {
            try String(contentsOf: Self.sampleFolder.appendingPathComponent($0), encoding: .utf8)
        }
        texts += [
            "a: &x [1, 'two', \"three\", {k: v}]\nb: *x\nc: !!str 5\nd: |\n  block\ne: >-\n  folded\nf: ~\n",
            "- &m {a: 1}\n- *m\n- ? complex\n  : value\n",
            "ü: 'ß'\n\"日本\": [x, y]\n",
            "just a scalar\n",
            "",
        ]
        for text in texts {
            let mine = try compose(text).root
            let yams = try Yams.compose(yaml: text, Resolver.basic)
            #expect(mine == yams, "\(text.prefix(60))")
            #expect(marks(mine) == marks(yams), "\(text.prefix(60))")
        }
    }

    @Test func markRoundTripsThroughItsLayout() {
        let mark = YAMLComposer.mark(line: 12_345, column: 678)
        #expect(mark.line == 12_345 && mark.column == 678)
        #expect(MemoryLayout<Mark>.size == 2 * MemoryLayout<Int>.size)
    }

    @Test func everyDuplicateIsRecordedWithBothPlaces() throws {
        let composed = try compose("a: 1\nb: 2\na: 3\nm: { x: 1, x: 2, 'b': 3, b: 4 }\na: 5\n")
        #expect(
            composed.duplicates == [
                .init(key: "a", first: .init(line: 1, column: 1), second: .init(line: 3, column: 1)),
                .init(key: "x", first: .init(line: 4, column: 6), second: .init(line: 4, column: 12)),
                .init(key: "b", first: .init(line: 4, column: 18), second: .init(line: 4, column: 26)),
                .init(key: "a", first: .init(line: 1, column: 1), second: .init(line: 5, column: 1)),
            ])
        // Both entries are kept, in file order: the reader decides what a repeat means.
        #expect(composed.root?.mapping?.count == 5)
    }

    /// 1,000 repeated node ids took 27.8 s (debug, one full parse per duplicate); now one pass.
    @Test func tenThousandDuplicateNodeIdsInOnePass() throws {
        let n = 10_000
        var lines = ["patchbay: 1", "nodes:"]
        for i in 0..<n { lines.append("  n\(i): { kind: input }") }
        for i in 0..<n { lines.append("  n\(i): { kind: output }") }
        let start = ContinuousClock.now
        let found = decodeProblems(lines.joined(separator: "\n") + "\n")
        let elapsed = ContinuousClock.now - start
        print("\(n) duplicate node ids: \(found.count) errors in \(elapsed)")
        #expect(found.count == n)
        #expect(found.first?.message == "node id `n0` is used twice (first at line 3, column 3)")
        #expect(found.first?.location == SourceLocation(line: n + 3, column: 3))
        #expect(found.last?.location == SourceLocation(line: 2 * n + 2, column: 3))
        #expect(elapsed < .seconds(10))
    }

    @Test func unclosedQuotePointsWhereItOpened() throws {
        for quote in ["\"", "'"] {
            let problem = try #require(
                decodeProblems("patchbay: 1\ntitle: \(quote)abc\nnodes:\n  a: { kind: input }\n").first)
            #expect(problem.location == SourceLocation(line: 2, column: 8))
            #expect(problem.message == "YAML syntax error: the quote opened here is never closed")
            #expect(problem.hint?.description.contains("same quote") == true)
        }
    }

    @Test func unclosedBracketNamesWhereItOpened() throws {
        let problem = try #require(decodeProblems("patchbay: 1\nnodes:\n  a: { kind: input\n  b: [x\n").first)
        #expect(problem.message.hasPrefix("YAML syntax error: expected `,` or "), "\(problem)")
        #expect(problem.message.contains("opened with"), "\(problem)")
        #expect(!problem.message.contains("did not find expected"), "\(problem)")
    }

    @Test func deepNestingIsRefusedAtItsDepthInPlainWords() throws {
        for text in [
            String(repeating: "[", count: 100_000),
            "a: " + String(repeating: "{b: ", count: 600) + "1" + String(repeating: "}", count: 600),
        ] {
            let error = try #require(failure(text))
            #expect(
                error.message == "lists and mappings nest more than \(YAMLComposer.maxDepth) levels deep here",
                "\(error)")
            #expect(error.location?.line == 1)
            #expect(!error.message.contains("yaml_set_max_nest_level"))
        }
        // Block style: each level one line deeper.
        let block = (0..<600).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        // libyaml's limit (set to the same depth) counts the indents of the lines, ours the levels.
        let error = try #require(failure(block))
        #expect((YAMLComposer.maxDepth...YAMLComposer.maxDepth + 1).contains(error.location?.line ?? 0), "\(error)")
        #expect(error.message == "lists and mappings nest more than \(YAMLComposer.maxDepth) levels deep here")
    }

    @Test func aSecondDocumentIsNamedAsSuch() throws {
        let problem = try #require(decodeProblems("patchbay: 1\nnodes: {}\n---\nnodes: {}\n").first)
        #expect(problem.location == SourceLocation(line: 3, column: 1))
        #expect(problem.message.contains("a second document starts here"), "\(problem)")
        #expect(problem.message.contains("a graph file holds one"), "\(problem)")
        #expect(!problem.message.contains("but found another document"))
    }

    @Test func commonLibyamlMessagesArePlain() throws {
        let cases: [(String, String, Int)] = [
            ("a: b: c\n", "a `: ` here would start a mapping inside a value", 1),
            ("a:\n  b: 1\n c: 2\n", "does not line up with the keys", 3),
            ("a: @x\n", "this character cannot start a value", 1),
            ("a:\n\t- b\n", "a tab in the indentation", 2),
            ("a:\n  b: x\n\tc\n", "a tab in the indentation", 3),
            ("a: \"x\\qy\"\n", "unknown escape", 1),
            ("a: *nowhere\n", "the alias `*nowhere` names no anchor", 1),
            ("a: \"x\" y\n", "unexpected text after the value on this line", 1),
            ("a: [x]]\n", "unexpected text after the value on this line", 1),
            ("a: 1\nb\nc: 2\n", "the key that starts here has no `:` after it", 2),
            ("a: & x\n", "`&` must be followed by an anchor name", 1),
            ("a: * x\n", "`*` must be followed by an alias name", 1),
            ("a: !x!y z\n", "an unknown or malformed tag", 1),
            ("a: \"\\u12\"\n", "escapes need 2, 4 and 8 hex digits", 1),
            ("a: 1\nb: \u{01}\n", "control character U+0001 is not allowed in YAML", 2),
            ("{a: 1}\nb: 2\n", "text after the end of the top-level value; a graph file holds one", 2),
            ("a: 1\n...\nb: 2\n", "text after the end of the top-level value", 3),
            ("a: |x\n  t\n", "after `|` or `>` only", 1),
            ("%TAG x\n---\na: 1\n", "a line starting with `%` is a YAML directive", 1),
        ]
        for (text, words, line) in cases {
            let error = try #require(failure(text))
            #expect(error.message.contains(words), "\(text.debugDescription): \(error)")
            #expect(error.location?.line == line, "\(text.debugDescription): \(error)")
            for raw in ["did not find expected", "while scanning", "while parsing", "yaml_"] {
                #expect(!error.message.contains(raw), "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test func emptyAndCommentOnlyFilesAreErrorsAtLineOne() throws {
        for (text, message) in [
            ("", "the file is empty"), ("\n  \n", "the file is empty"),
            ("# only\n# comments\n", "the file holds only comments and blank lines, no YAML value"),
        ] {
            let found = decodeProblems(text)
            #expect(found.map(\.message) == [message])
            #expect(found.first?.location == SourceLocation(line: 1, column: 1))
            #expect(found.first?.hint?.description.contains("patchbay: 1") == true)
        }
    }

    @Test func graphJSONIsStrictJSONAtItsPosition() throws {
        let trailing = try #require(
            decodeProblems("{\"patchbay\": 1,\n \"nodes\": {\"a\": {\"kind\": \"input\",}}}\n", path: "g.graph.json")
                .first)
        #expect(trailing.message.hasPrefix("JSON syntax error: "), "\(trailing)")
        #expect(trailing.message.contains("trailing comma"), "\(trailing)")
        #expect(trailing.location == SourceLocation(line: 2, column: 34))
        let comment = try #require(
            decodeProblems("{\"patchbay\": 1, # no\n \"nodes\": {}}\n", path: "g.graph.json").first)
        #expect(comment.location?.line == 1 && comment.message.hasPrefix("JSON syntax error"), "\(comment)")
        // Every repeated key, each at its place, named by what it is.
        let repeated = decodeProblems(
            "{\"patchbay\": 1, \"nodes\": {\"a\": {\"kind\": \"input\"},\n \"a\": {\"kind\": \"output\", \"kind\": \"input\"}}}\n",
            path: "g.graph.json")
        #expect(repeated.map(\.message) == ["node id `a` is used twice (first at line 1, column 27)"])
        // The same text as `.yaml` is YAML's flow style, where a trailing comma is allowed.
        #expect(
            (try? GraphCodec.decode(
                "{\"patchbay\": 1, \"nodes\": {\"a\": {\"kind\": \"input\", \"type\": \"string\",}}}\n",
                path: "g.graph.yaml")) != nil)
    }
}
