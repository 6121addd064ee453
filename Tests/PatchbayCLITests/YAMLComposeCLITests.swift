import Foundation
import Testing

/// Hostile YAML and JSON through `validate`, `fmt --check` and `eval --cases`: every repeated key
/// at its line, syntax errors where the problem is (an unclosed quote where it opened), libyaml's
/// wording translated, empty files at line 1, `.graph.json` strict. Exit 2, nothing raw.
@Suite struct YAMLComposeCLITests {
    static let graph =
        "patchbay: 1\nnodes:\n  x: { kind: input, type: string }\n  y: { kind: output }\nwires:\n  - x -> y\n"

    /// (file name, text, `file:line:column: error: …` expected on stderr)
    static let files: [(String, String, String)] = [
        (
            "q.graph.yaml", "patchbay: 1\ntitle: \"a\u{202E}b\nnodes: {}\n",
            "q.graph.yaml:2:8: error: YAML syntax error: the quote opened here is never closed"
        ),
        (
            "d.graph.yaml", "patchbay: 1\nnodes:\n  x: { kind: input }\n  x: { kind: output }\n",
            "d.graph.yaml:4:3: error: node id `x` is used twice (first at line 3, column 3)"
        ),
        (
            "s.graph.yaml", "patchbay: 1\nnodes: {}\n---\nnodes: {}\n",
            "s.graph.yaml:3:1: error: YAML syntax error: a second document starts here"
        ),
        (
            "n.graph.yaml", "patchbay: 1\nnodes: " + String(repeating: "[", count: 3_000) + "\n",
            "n.graph.yaml:2:9: error: lists and mappings nest more than 512 levels deep here"
        ),
        (
            "e.graph.yaml", "# a comment\n",
            "e.graph.yaml:1:1: error: the file holds only comments and blank lines, no YAML value"
        ),
        ("t.graph.json", "{\"patchbay\": 1, \"nodes\": {},}\n", "t.graph.json:1:29: error: JSON syntax error: "),
    ]

    @Test(arguments: ["validate", "fmt"])
    func hostileGraphFiles(command: String) async throws {
        let dir = try Scratch.project(Dictionary(uniqueKeysWithValues: Self.files.map { ($0.0, $0.1) }))
        for (name, _, expected) in Self.files {
            let r = try await CLI.run(command == "fmt" ? ["fmt", "--check", name] : ["validate", name], in: dir)
            #expect(r.status == 2, "\(name): \(r)")
            #expect(r.stderr.contains(expected), "\(name): \(r)")
            #expect(
                !r.stderr.contains("yaml_set_max_nest_level") && !r.stderr.contains("but found another document"),
                "\(r)")
            EscapingTests.expectClean(r, "\(command) \(name)")
        }
    }

    /// Before: 1,000 repeated node ids took > 20 s (one parse per duplicate). Now one pass.
    @Test func thousandsOfDuplicateNodeIdsAreAllReportedQuickly() async throws {
        let n = 5_000
        let text =
            "patchbay: 1\nnodes:\n" + (0..<n).map { "  n\($0): { kind: input }\n" }.joined()
            + (0..<n).map { "  n\($0): { kind: output }\n" }.joined()
        let dir = try Scratch.project(["dups.graph.yaml": text])
        let start = Date()
        let r = try await CLI.run(["validate", "dups.graph.yaml"], in: dir)
        let elapsed = Date().timeIntervalSince(start)
        #expect(r.status == 2, "\(r.stderr.prefix(300))")
        let found = r.stderr.diagnostics(for: "dups.graph.yaml")
        #expect(found.count == n)
        #expect(
            found.first.map { "\($0.line):\($0.column) \($0.message)" }
                == "\(n + 3):3 node id `n0` is used twice (first at line 3, column 3)")
        #expect(elapsed < 20, "\(elapsed) s")
    }

    @Test func casesYAMLIsReadByTheSameRules() async throws {
        let cases: [(String, String, String)] = [
            (
                "k.cases.yaml", "cases:\n  - inputs: { x: a, x: \"\u{202E}t\u{200B}\" }\n",
                "k.cases.yaml:2:21: error: the key `x` is given twice (first at line 2, column 15)"
            ),
            (
                "q.cases.yaml", "cases:\n  - inputs: { x: 'a }\n",
                "q.cases.yaml:2:18: error: YAML syntax error: the quote opened here is never closed"
            ),
            ("e.cases.yaml", "", "e.cases.yaml:1:1: error: the file is empty"),
        ]
        for (name, text, expected) in cases {
            let dir = try Scratch.project(["g.graph.yaml": Self.graph, name: text])
            let r = try await CLI.run(["eval", "g.graph.yaml", "--cases", name, "--no-store"], in: dir)
            #expect(r.status == 2, "\(name): \(r)")
            #expect(r.stderr.contains(expected), "\(name): \(r)")
            EscapingTests.expectClean(r, "eval \(name)")
        }
    }
}
