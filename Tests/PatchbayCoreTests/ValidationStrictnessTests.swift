import Foundation
import Testing

@testable import PatchbayCore

/// Issue 12, items 4 and 7 on the graph side: values a run would refuse (or misuse) are
/// refused by validation, each at the value itself, with what to write instead.
@Suite struct ValidationStrictnessTests {
    // MARK: Numeric ranges

    /// Each value outside its field's documented range; columns are where the value starts.
    static let outOfRange = """
        patchbay: 1
        nodes:
          q: { kind: input, type: string }
          ask:
            kind: llm
            prompt: "Say {{q}}"
            temperature: -0.5
            max_tokens: 0
            on_error: retry
            retries: 1000000
            backoff: -1
          hot: { kind: llm, prompt: "x {{q}}", temperature: 7 }
          wc: { kind: command, command: [cat], timeout: 0 }
          each: { kind: map, graph: one.graph.yaml, concurrency: 100000 }
          again: { kind: loop, graph: one.graph.yaml, max: 0 }
          o1: { kind: output }
          o2: { kind: output }
          o3: { kind: output }
          o4: { kind: output }
          list: { kind: input, type: array }
        wires:
          - list -> each.items
          - q -> again.item
          - q -> ask.q
          - q -> hot.q
          - q -> wc
          - ask.text -> o1
          - hot.text -> o2
          - wc -> o3
          - each -> o4

        """

    static let body = "patchbay: 1\nnodes:\n  item: { kind: input }\n  out: { kind: output }\nwires:\n  - item -> out\n"

    @Test("numbers outside their range are errors at the value, with the range")
    func rangesAreCheckedAtTheValue() throws {
        let (_, diagnostics) = try ValidationFixture().validate([
            "main.graph.yaml": Self.outOfRange, "one.graph.yaml": Self.body,
        ])
        let expected: [(String, PatchbayCore.SourceLocation, String)] = [
            ("`temperature` of node `ask` is -0.5", at(7, 18), "from 0 to 2"),
            ("`max_tokens` of node `ask` is 0", at(8, 17), "from 1 to 1000000"),
            ("`retries` of node `ask` is 1000000", at(10, 14), "from 0 to 10"),
            ("`backoff` of node `ask` is -1", at(11, 14), "from 0 to 600"),
            ("`temperature` of node `hot` is 7", at(12, 53), "from 0 to 2"),
            ("`timeout` of node `wc` is 0", at(13, 49), "more than 0"),
            ("`concurrency` of node `each` is 100000", at(14, 58), "from 1 to 256"),
            ("`max` of node `again` is 0", at(15, 52), "at least 1"),
        ]
        for (message, location, range) in expected {
            let found = try #require(diagnostics.only(message), "\(diagnostics.map(\.description))")
            #expect(found.severity == .error)
            #expect(found.location == location, "\(found)")
            #expect(found.message.contains(range) && found.hint?.description.contains(range) == true, "\(found)")
        }
        #expect(diagnostics.count == expected.count, "\(diagnostics.map(\.description))")
    }

    @Test("the bounds themselves are accepted")
    func boundsAreValid() throws {
        let graph = """
            patchbay: 1
            nodes:
              q: { kind: input, type: string }
              a: { kind: llm, prompt: "{{q}}", temperature: 0, max_tokens: 1, on_error: retry, retries: 0, backoff: 0 }
              b: { kind: llm, prompt: "{{q}}", temperature: 2, max_tokens: 1000000, on_error: retry, retries: 10, backoff: 600 }
              c: { kind: command, command: [cat], timeout: 86400 }
              o1: { kind: output }
              o2: { kind: output }
              o3: { kind: output }
            wires: [q -> a.q, q -> b.q, q -> c, a.text -> o1, b.text -> o2, c -> o3]

            """
        let (_, diagnostics) = try ValidationFixture.check(graph)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test("docs/nodes.md states each range next to its field")
    func rangesAreDocumented() {
        let reference = NodeDocs.reference()
        for line in [
            "- `temperature` (number, from 0 to 2)", "- `max_tokens` (integer, from 1 to 1000000)",
            "- `max` (integer, at least 1)",
            "- `timeout` (number, more than 0 and at most 86400)", "`retries` (from 0 to 10)",
            "- `concurrency` (integer, from 1 to 256)",
        ] {
            #expect(reference.contains(line), "missing: \(line)")
        }
    }

    // MARK: check schemas

    @Test("a check schema with an unknown type is an error at the type, with did-you-mean")
    func schemaUnknownType() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              v: { kind: input }
              ok:
                kind: check
                schema:
                  type: object
                  properties:
                    name: { type: strng }
                    tags: { type: [array, nul] }
              out: { kind: output }
            wires:
              - v -> ok
              - ok.pass -> out

            """)
        let found = try #require(diagnostics.only("unknown type \"strng\""))
        // The first problem in key order: `name` comes before `tags`.
        #expect(found.message.contains("properties.name.type"), "\(found)")
        #expect(found.message.contains("did you mean `string`?"), "\(found)")
        #expect(found.location == at(9, 23), "\(found)")

        let list = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              v: { kind: input }
              ok: { kind: check, schema: { type: [string, nul] } }
              out: { kind: output }
            wires: [v -> ok, ok.pass -> out]

            """
        ).diagnostics
        let item = try #require(list.only("unknown type \"nul\""))
        #expect(item.message.contains("did you mean `null`?"), "\(item)")
        #expect(item.location == at(4, 47), "at the item of the list: \(item)")
    }

    // MARK: Node ids

    @Test("ids wires can't name, or holding controls, are errors at the id with a rename")
    func badIdsAreFlaggedAtTheId() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              v: { kind: input }
              my.node: { kind: jq, jq: . }
              "two words": { kind: output }
              "a->b": { kind: output }
              "bel\\ax": { kind: output }
              "zw\\u200bj": { kind: output }
            wires:
              - v -> my.node
              - v -> zw\u{200B}j

            """)
        let dot = try #require(diagnostics.only("node id `my.node` holds a dot"))
        #expect(dot.location == at(4, 3) && dot.hint?.description.contains("`my_node`") == true, "\(dot)")
        let space = try #require(diagnostics.only("node id `two words` holds whitespace"))
        #expect(space.location == at(5, 3) && space.hint?.description.contains("`two_words`") == true, "\(space)")
        let arrow = try #require(diagnostics.only("node id `a->b` holds `->`"))
        #expect(arrow.location == at(6, 3), "\(arrow)")
        let bell = try #require(diagnostics.only("node id `bel\u{07}x` holds the control character \\x07"))
        #expect(bell.location == at(7, 3) && bell.severity == .error, "\(bell)")
        // Printed, the id shows its control escaped.
        #expect(bell.description.contains("`bel\\x07x`"), "\(bell.description)")
        let hidden = try #require(diagnostics.only("node id `zw\u{200B}j` holds the invisible character \\u{200B}"))
        #expect(hidden.severity == .warning && hidden.location == at(8, 3), "\(hidden)")
        // The wire that cannot reach `my.node` says why, and the id's inputs aren't "not wired" too.
        let wire = try #require(diagnostics.only("wire `v -> my.node`"))
        #expect(wire.message.contains("its id holds a dot") && wire.location == at(10, 5), "\(wire)")
        #expect(
            !diagnostics.contains { $0.message.contains("is not wired") || $0.message.contains("has nothing wired") },
            "\(diagnostics.map(\.description))")
        #expect(diagnostics.filter { $0.severity == .error }.count == 5, "\(diagnostics.map(\.description))")
    }

    // MARK: loop feedback

    static let loopBody = """
        patchbay: 1
        nodes:
          draft: { kind: input, type: string }
          revised: { kind: output }
        wires:
          - draft -> revised

        """

    @Test("feedback naming a missing input or output is an error at the entry, with the others")
    func feedbackIsCheckedWithTheOtherRules() throws {
        let (_, diagnostics) = try ValidationFixture().validate([
            "body.graph.yaml": Self.loopBody,
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              start: { kind: input, type: string }
              refine:
                kind: loop
                graph: body.graph.yaml
                feedback:
                  revised: draf
                  revisd: draft
              typo: { kind: inptu }
              out: { kind: output }
            wires:
              - start -> refine.draft
              - refine.revised -> out

            """,
        ])
        let input = try #require(diagnostics.only("has no input `draf`"))
        #expect(input.location == at(8, 16), "at `draf`: \(input)")
        #expect(input.hint?.description.contains("did you mean `draft`?") == true, "\(input)")
        let output = try #require(diagnostics.only("names output `revisd`"))
        #expect(output.location == at(9, 7), "at the key `revisd`: \(output)")
        #expect(output.hint?.description.contains("did you mean `revised`?") == true, "\(output)")
        // Reported together with the rest of the file's problems, not after them.
        #expect(diagnostics.only("unknown kind `inptu`") != nil)

        let notMapping = try ValidationFixture().validate([
            "body.graph.yaml": Self.loopBody,
            "main.graph.yaml":
                "patchbay: 1\nnodes:\n  s: { kind: input }\n  l: { kind: loop, graph: body.graph.yaml, feedback: [revised] }\n  o: { kind: output }\nwires: [s -> l.draft, l.revised -> o]\n",
        ]).diagnostics
        let shape = try #require(notMapping.only("must map body outputs to body inputs"))
        #expect(shape.location == at(4, 54), "\(shape)")
    }

    // MARK: jq compile errors

    @Test("a jq compile error gives the column in the program and no shell-quoting guess")
    func jqErrorColumn() throws {
        let error = try #require(#expect(throws: JqError.self) { try JqProgram.compile(".a | map(.b) | )") })
        #expect(error.position == JqError.Position(line: 1, column: 16), "\(error)")
        #expect(error.message == "syntax error, unexpected `)` at column 16", "\(error.message)")
        let end = try #require(#expect(throws: JqError.self) { try JqProgram.compile(".a | map(") })
        // jq places the end at the last token, the `(`.
        #expect(end.position == JqError.Position(line: 1, column: 9), "\(end)")
        #expect(end.message == "syntax error, unexpected end of the program at column 9", "\(end.message)")
        let undefined = try #require(#expect(throws: JqError.self) { try JqProgram.compile(".a |\n  nope") })
        #expect(undefined.position == JqError.Position(line: 2, column: 3), "\(undefined)")
        #expect(undefined.message == "nope/0 is not defined at line 2, column 3", "\(undefined.message)")
        for message in [error.message, end.message, undefined.message] {
            #expect(
                !message.contains("shell") && !message.contains("<top-level>") && !message.contains("\n"), "\(message)")
        }
    }

    @Test("validation reports the jq column; the spot in the file is found for programs written as is")
    func jqErrorInTheGraph() throws {
        let fixture = try ValidationFixture()
        let (_, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              v: { kind: input }
              plain: { kind: jq, jq: .a | map(.b) | ) }
              quoted: { kind: jq, jq: '.a | map(.b) | ]' }
              block:
                kind: jq
                jq: |
                  .a
                  | nope
              escaped: { kind: jq, jq: "\\t.a | )" }
              o1: { kind: output }
              o2: { kind: output }
              o3: { kind: output }
              o4: { kind: output }
            wires: [v -> plain, v -> quoted, v -> block, v -> escaped, plain -> o1, quoted -> o2, block -> o3, escaped -> o4]

            """
        ])
        let plain = try #require(diagnostics.only("node `plain` does not compile"))
        #expect(plain.message.hasSuffix("syntax error, unexpected `)` at column 16"), "\(plain.message)")
        #expect(!plain.message.contains("shell"), "\(plain.message)")
        #expect(diagnostics.count == 4, "\(diagnostics.map(\.description))")

        // Each diagnostic points at the character jq stopped at, where the program stands as written.
        #expect(plain.location == at(4, 41))
        #expect(diagnostics.only("node `quoted` does not compile")?.location == at(5, 43))
        #expect(diagnostics.only("node `block` does not compile")?.location == at(10, 9))
        let document = try GraphLoader().load(fixture.folder + "/main.graph.yaml")
        func spot(_ node: String, _ program: String) throws -> PatchbayCore.SourceLocation? {
            let error = try #require(#expect(throws: JqError.self) { try JqProgram.compile(program) })
            let use = JqUse(
                program: program, what: "`jq` of node `\(node)`", file: document.path, location: nil, node: node)
            return use.spot(of: error, in: [document])
        }
        #expect(try spot("escaped", "\t.a | )") == nil, "an escape shifts columns: no spot rather than a wrong one")
    }
}
