import Testing

@testable import PatchbayCore

@Suite struct ValidationWireTests {
    static let nodes = """
        patchbay: 1
        nodes:
          article: { kind: input, type: string }
          count:   { kind: input, type: number }
          ask:
            kind: llm
            prompt: '{{article}} {{question}}'
          parse:   { kind: parse-json }
          out:     { kind: output }
        """

    /// The nodes above plus `wires`; wire n (0-based) sits on line 11 + n, column 5.
    static func check(_ wires: [String]) throws -> (path: String, diagnostics: [Diagnostic]) {
        try ValidationFixture.check(nodes + "\nwires:\n" + wires.map { "  - \($0)\n" }.joined())
    }

    @Test func wireToAnUnknownNodeSuggestsOne() throws {
        let (path, diagnostics) = try Self.check([
            "article -> ask.article", "count -> ask.question", "parse.value -> out", "ask.text -> prase",
        ])
        let d = try #require(diagnostics.only("unknown node `prase`"))
        #expect(d.file == path && d.location == at(14, 5) && d.node == "prase")
        #expect(d.hint?.description.hasPrefix("did you mean `parse`?") == true)
        // parse.text is then unwired, and nothing else is wrong.
        #expect(diagnostics.count == 2, "\(diagnostics.map(\.description))")
        #expect(diagnostics.only("`parse.text` is not wired")?.location == at(8, 3))
    }

    @Test func wireFromAnUnknownPortListsThePorts() throws {
        let (path, diagnostics) = try Self.check([
            "article -> ask.article", "count -> ask.question", "ask.txt -> parse", "parse -> out",
        ])
        let d = try #require(diagnostics.only("unknown port `txt` of llm node `ask`"))
        #expect(d.file == path && d.location == at(13, 5) && d.node == "ask" && d.port == "txt")
        #expect(
            d.hint
                == .didYouMean(
                    ["text"],
                    also: "its output ports: `text`, `json`, `usage`, `messages`, `tool_calls` and `agreement`")
        )
    }

    @Test func wireIntoAnUnknownInputListsTheInputs() throws {
        let (_, diagnostics) = try Self.check([
            "article -> ask.articel", "count -> ask.question", "ask.text -> parse", "parse -> out",
        ])
        let d = try #require(diagnostics.only("unknown port `articel` of llm node `ask`"))
        #expect(d.location == at(11, 5) && d.port == "articel")
        #expect(d.hint == .didYouMean(["article"], also: "its input ports: `article` and `question`"))
    }

    @Test func wiresMustRunFromAnOutputToAnInput() throws {
        let (path, diagnostics) = try Self.check([
            "ask.article -> parse", "count -> ask.question", "article -> ask.text", "parse -> out",
        ])
        let from = try #require(diagnostics.only("starts at `ask.article`, which is an input port"))
        #expect(from.file == path && from.location == at(11, 5) && from.node == "ask" && from.port == "article")
        #expect(
            from.hint?.description.contains(
                "its output ports: `text`, `json`, `usage`, `messages`, `tool_calls` and `agreement`")
                == true)
        let into = try #require(diagnostics.only("ends at `ask.text`, which is an output port"))
        #expect(into.location == at(13, 5) && into.port == "text")
        #expect(into.hint?.description.contains("its input ports: `article` and `question`") == true)
    }

    @Test func aWireEndWithoutPortNeedsASinglePort() throws {
        let (path, diagnostics) = try Self.check([
            "article -> ask", "count -> ask.question", "ask.text -> parse", "parse -> out",
        ])
        let d = try #require(diagnostics.only("ends at `ask` without naming a port"))
        #expect(d.file == path && d.location == at(11, 5) && d.node == "ask")
        #expect(d.hint == "name one: `ask.article` and `ask.question`")
        // A check's first output is a route, not a default.
        let routed = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              ok: { kind: check, contains: yes }
              out: { kind: output }
            wires:
              - x -> ok
              - ok -> out
            """
        ).diagnostics
        let r = try #require(routed.only("starts at `ok` without naming a port"))
        #expect(r.location == at(8, 5) && r.hint?.description.contains("`ok.pass`, `ok.fail`") == true)
        #expect(routed.count == 1)
    }

    @Test func requiredInputNotWiredSuggestsTheNodeOfThatName() throws {
        let (path, diagnostics) = try Self.check(["count -> ask.question", "ask.text -> parse", "parse -> out"])
        let d = try #require(diagnostics.only("required input `ask.article` is not wired"))
        #expect(d.file == path && d.location == at(5, 3) && d.node == "ask" && d.port == "article")
        #expect(d.hint == "add a wire such as `article -> ask.article` under `wires:`")
        #expect(diagnostics.count == 1)
    }

    @Test func twoWiresIntoOneInputNameBothWires() throws {
        let (path, diagnostics) = try Self.check([
            "article -> ask.article", "count -> ask.question", "ask.text -> parse", "parse -> out",
            "article -> parse.text",
        ])
        let d = try #require(diagnostics.only("input `parse.text` takes one wire but has 2"))
        #expect(
            d.message.contains("`ask.text -> parse` (line 13)")
                && d.message.contains("`article -> parse.text` (line 15)"))
        #expect(d.file == path && d.location == at(15, 5) && d.node == "parse" && d.port == "text")
        #expect(d.hint?.description.contains("merge") == true)
        #expect(diagnostics.count == 1)
    }

    @Test func mergeTakesManyWires() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              a: { kind: input }
              b: { kind: input }
              m: { kind: merge, mode: all }
              out: { kind: output }
            wires:
              - a -> m
              - b -> m.values
              - m -> out
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func declaredTypesMustFit() throws {
        let (path, diagnostics) = try Self.check([
            "article -> ask.article", "count -> parse.text", "ask.text -> ask.question", "parse -> out",
        ])
        let d = try #require(diagnostics.only("`count.value` carries number but `parse.text` takes string"))
        #expect(d.file == path && d.location == at(12, 5) && d.node == "parse" && d.port == "text")
        #expect(d.hint?.description.contains("`jq` node") == true)
        // A string fits an `any` port and an integer fits a number: no other complaint.
        #expect(diagnostics.count == 2, "\(diagnostics.map(\.description))")  // ask.text -> ask.question is a cycle
    }

    @Test func typedPortsOfChecksAndOutputs() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input, type: integer }
              ok: { kind: check, jq: '. > 1' }
              verdict: { kind: output, type: string }
              amount: { kind: output, type: number }
            wires:
              - x -> ok
              - ok.result -> verdict
              - ok.pass -> amount
            """)
        let d = try #require(diagnostics.only("`ok.result` carries object but `verdict.value` takes string"))
        #expect(d.location == at(9, 5) && d.node == "verdict")
        #expect(diagnostics.count == 1)
    }

    @Test func aCycleIsNamedInOrder() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              start: { kind: input }
              a: { kind: template, template: '{{seed}} {{back}}' }
              b: { kind: parse-json }
              c: { kind: jq, jq: . }
              out: { kind: output }
            wires:
              - start -> a.seed
              - a.text -> b
              - b -> c
              - c -> a.back
              - c -> out
            """)
        let d = try #require(diagnostics.only("cycle outside a loop"))
        #expect(d.message == "cycle outside a loop: a → b → c → a")
        #expect(d.file == path && d.location == at(12, 5) && d.node == "a")
        #expect(d.hint?.description.contains("`loop`") == true)
        #expect(diagnostics.count == 1)
    }

    @Test func aNodeWiredToItselfIsACycle() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              j: { kind: jq, jq: ., inputs: [x, y] }
              s: { kind: input }
            wires:
              - s -> j.x
              - j -> j.y
            """)
        #expect(diagnostics.only("cycle")?.message == "cycle outside a loop: j → j")
        #expect(diagnostics.count == 1)
    }

    @Test func mergeAndOutputWithNothingWired() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              m: { kind: merge }
              result: { kind: output }
            """)
        let m = try #require(diagnostics.only("merge `m` has nothing wired into it"))
        #expect(m.file == path && m.location == at(3, 3) && m.node == "m" && m.port == "values")
        #expect(m.hint?.description.contains("`m.values`") == true)
        let o = try #require(diagnostics.only("output `result` has nothing wired into it"))
        #expect(o.location == at(4, 3) && o.node == "result")
        #expect(o.hint?.description.contains("-> result") == true)
        #expect(diagnostics.count == 2)
    }

    @Test func routedErrorsAddAnErrorPort() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              p: { kind: parse-json, on_error: route }
              good: { kind: output }
              bad: { kind: output, type: object }
            wires:
              - x -> p
              - p -> good
              - p.error -> bad
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }
}
