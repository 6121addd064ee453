import Foundation
import Testing

@testable import PatchbayCore

/// Structural problems: each is reported with its line, and all of them at once.
@Suite struct CodecErrorTests {
    /// The diagnostics of a text that must not decode.
    func problems(_ text: String, path: String = "g.graph.yaml") -> [Diagnostic] {
        do {
            _ = try GraphCodec.decode(text, path: path)
            Issue.record("decoded without error")
            return []
        } catch let error as GraphFileError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func yamlSyntaxErrorHasItsLine() throws {
        let found = problems("patchbay: 1\nnodes:\n  a: { kind: input\n  b: [x\n")
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.message.hasPrefix("YAML syntax error"))
        #expect(problem.location?.line == 4)
        #expect(problem.file == "g.graph.yaml")
        #expect(problem.hint != nil)
        #expect(problem.description.hasPrefix("g.graph.yaml:4:"))
    }

    @Test func badIndentationIsASyntaxError() throws {
        let problem = try #require(problems("patchbay: 1\nnodes:\n  a:\n    kind: input\n   type: string\n").first)
        #expect(problem.message.hasPrefix("YAML syntax error"))
        #expect(problem.location?.line == 5)
    }

    @Test func jsonSyntaxErrorHasItsLine() throws {
        let problem = try #require(
            problems("{\n  \"patchbay\": 1,\n  \"nodes\": {\n    \"a\": {\"kind\": \"input\",}\n  \n", path: "g.json")
                .first)
        #expect(problem.message.hasPrefix("JSON syntax error"))
        #expect(problem.location?.line ?? 0 >= 4)
    }

    @Test func topLevelMustBeAMapping() throws {
        let problem = try #require(problems("- a\n- b\n").first)
        #expect(problem.message.contains("top level must be a mapping"))
        #expect(problem.location?.line == 1)
        #expect(problems("").first?.message == "the file is empty")
    }

    @Test func nodesMustBeAMappingOfMappingsWithAKind() throws {
        #expect(problems("patchbay: 1\nnodes:\n  - a\n").map(\.location?.line) == [3])
        let found = problems(
            """
            patchbay: 1
            nodes:
              a: input
              b:
                type: string
              c: { kind: [x] }
              d: { kind: }
            """)
        #expect(found.map(\.location?.line) == [3, 4, 6, 7])
        #expect(found[0].message == "node `a` must be a mapping with a `kind`")
        #expect(found[1].message == "node `b` has no `kind`")
        #expect(found[1].hint?.description.contains("llm") == true)
        #expect(found[2].message.contains("`kind` of node `c`"))
    }

    @Test func wiresMustBeAListOfWireTexts() throws {
        #expect(problems("patchbay: 1\nnodes: {}\nwires: a -> b\n").map(\.location?.line) == [3])
        let found = problems(
            """
            patchbay: 1
            nodes: {}
            wires:
              - a.out -> b.in
              - a.out b.in
              - a: b
              - a -> b -> c
              - ' -> b'
            """)
        #expect(found.map(\.location?.line) == [5, 6, 7, 8])
        #expect(found[0].message == "wire `a.out b.in` is not `from.port -> to.port`")
        #expect(found[1].hint?.description.contains("`: `") == true)
    }

    @Test func duplicateNodeIdsNameBothLines() throws {
        let found = problems(
            """
            patchbay: 1
            nodes:
              a: { kind: input }
              b: { kind: output }
              a: { kind: output }
              b: { kind: output }
              a: { kind: llm }
            """)
        #expect(
            found.map(\.message) == [
                "node id `a` is used twice (first at line 3, column 3)",
                "node id `b` is used twice (first at line 4, column 3)",
                "node id `a` is used twice (first at line 3, column 3)",
            ])
        #expect(
            found.map(\.location) == [
                SourceLocation(line: 5, column: 3), SourceLocation(line: 6, column: 3),
                SourceLocation(line: 7, column: 3),
            ])
    }

    @Test func duplicateKeysOnOneLineKeepTheirColumns() throws {
        let found = problems("patchbay: 1\nnodes:\n  a: { kind: input, \"kind\": output, type: x, type: y }\n")
        #expect(
            found.map(\.message) == [
                "node `a` has `kind` twice (first at line 3, column 8)",
                "node `a` has `type` twice (first at line 3, column 37)",
            ])
        #expect(found.map(\.location) == [SourceLocation(line: 3, column: 21), SourceLocation(line: 3, column: 46)])
    }

    @Test func duplicateJSONKeysToo() throws {
        let found = problems(
            #"{"patchbay": 1, "nodes": {"a": {"kind": "input"}, "a": {"kind": "output"}}}"#, path: "g.json")
        #expect(found.map(\.message) == ["node id `a` is used twice (first at line 1, column 27)"])
        #expect(found.first?.location == SourceLocation(line: 1, column: 51))
    }

    @Test func unknownTopLevelKeySuggestsTheNearestOne() throws {
        let found = problems("patchbay: 1\nnodez: {}\nwire: []\ncolour: red\n")
        #expect(
            found.map(\.message) == [
                "unknown top-level key `nodez`", "unknown top-level key `wire`", "unknown top-level key `colour`",
            ])
        #expect(found.map(\.location?.line) == [2, 3, 4])
        #expect(found[0].hint == .didYouMean(["nodes"]))
        #expect(found[1].hint == .didYouMean(["wires"]))
        #expect(found[2].hint?.description.hasPrefix("did you mean") == false)
    }

    @Test func formatVersionIsRequiredAndChecked() throws {
        #expect(problems("nodes: {}\n").map(\.message) == ["the file does not say its format version"])
        #expect(problems("patchbay: 2\nnodes: {}\n").first?.message.contains("newer") == true)
        #expect(problems("patchbay: '1'\nnodes: {}\n").first?.location?.line == 1)
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() throws {
        let found = problems(
            """
            patchbay: 1
            titel: x
            nodes:
              a: { kind: input }
              b: output
              c: { type: string }
              a: { kind: output }
            wires:
              - a -> b
              - nonsense
            """)
        #expect(found.map(\.location?.line) == [2, 5, 6, 7, 10])
        #expect(
            GraphFileError(found).description.components(separatedBy: "\n").first
                == "g.graph.yaml:2:1: error: unknown top-level key `titel`")
    }
}
