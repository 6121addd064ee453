import Testing

@testable import PatchbayCore

/// jq programs, templates and kind-specific rules.
@Suite struct ValidationContentTests {
    @Test func jqProgramsThatDoNotCompileGiveJqsMessage() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              x: { kind: input }
              pick: { kind: jq, jq: '.items[' }
              same: { kind: jq, jq: '.items[' }
              route:
                kind: switch
                cases:
                  - { port: big, when: '. > 10' }
                  - { port: odd, when: '. % 2 ==' }
              again: { kind: loop, graph: body.graph.yaml, until: '.done |||' }
            wires:
              - x -> pick
              - x -> same
              - x -> route
            """,
            "body.graph.yaml":
                "patchbay: 1\nnodes:\n  done: { kind: output }\n  v: { kind: input, default: true }\nwires:\n  - v -> done\n",
        ])
        let jq = diagnostics.filter { $0.message.hasPrefix("jq program") }
        #expect(jq.count == 4, "\(diagnostics.map(\.description))")
        let pick = try #require(jq.first { $0.node == "pick" })
        // At the character jq stopped at: the end of `.items[`.
        #expect(pick.file == path && pick.location == at(4, 32))
        #expect(pick.message.hasPrefix("jq program in `jq` of node `pick` does not compile: "))
        // jq's own words, not ours.
        #expect(pick.message.contains("syntax error"), "\(pick.message)")
        #expect(jq.first { $0.node == "same" }?.location == at(5, 32))
        let route = try #require(jq.first { $0.node == "route" })
        #expect(route.message.contains("`when` of case 2 of node `route`") && route.location == at(10, 35))
        let loop = try #require(jq.first { $0.node == "again" })
        #expect(loop.message.contains("`until` of node `again`") && loop.location == at(11, 63))
        #expect(diagnostics.count == 4)
    }

    @Test func aPlaceholderThatCannotBeAPort() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              t:
                kind: template
                template: |
                  Dear {{my var}},
            """)
        let d = try #require(diagnostics.only("placeholder `{{my var}}`"))
        #expect(d.message.contains("has no port: `my var` is not a valid port name"))
        #expect(d.file == path && d.location == at(5, 5) && d.node == "t" && d.port == "my var")
        #expect(d.hint?.description.contains("`{{my_var}}`") == true)
        // Neither a parse error nor an unwired `my var` on top.
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
    }

    @Test func aPlaceholderThatClashesWithAFixedPort() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              save: { kind: write-file, path: 'out/{{content}}.txt' }
            wires:
              - x -> save.content
            """)
        let d = try #require(
            diagnostics.only("placeholder `{{content}}` in `path` of node `save` has no port of its own"))
        #expect(d.file == path && d.location == at(4, 29) && d.port == "content")
        #expect(d.hint?.description.contains("rename the placeholder") == true)
        #expect(diagnostics.count == 1)
    }

    @Test func aTemplateWithAnUnclosedSection() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              list: { kind: input, type: array }
              ask:
                kind: llm
                messages:
                  - { role: system, content: Be brief. }
                  - { role: user, content: '{{#list}}- {{.}}' }
            wires:
              - list -> ask.list
            """)
        let d = try #require(diagnostics.only("template in `messages` of node `ask` does not parse"))
        #expect(d.message.contains("section `{{#list}}` is never closed"))
        #expect(d.file == path && d.location == at(6, 5) && d.node == "ask")
        #expect(d.hint == "close it with `{{/list}}`")
        #expect(diagnostics.count == 1)
    }

    @Test func anLLMNeedsPromptOrMessagesButNotBoth() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              none: { kind: llm, system: Be brief. }
              both:
                kind: llm
                prompt: Hi
                messages: [{ role: user, content: Hi }]
            """)
        let none = try #require(diagnostics.only("`none` has neither `prompt` nor `messages`"))
        #expect(none.file == path && none.location == at(3, 3) && none.node == "none")
        let both = try #require(diagnostics.only("`both` has both"))
        #expect(both.location == at(7, 5) && both.hint?.description.contains("keep one") == true)
        #expect(diagnostics.count == 2)
    }

    @Test func switchCasesNeedDistinctPorts() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              route:
                kind: switch
                cases:
                  - { port: up, when: '. == 1' }
                  - { port: down, when: '. == 0' }
                  - { port: up, when: '. == 2' }
                  - { port: default, when: 'true' }
              out: { kind: output }
            wires:
              - x -> route
              - route.up -> out
            """)
        let dup = try #require(diagnostics.only("two cases with port `up`"))
        #expect(dup.message.contains("(cases 1 and 3)"))
        #expect(dup.file == path && dup.location == at(6, 5) && dup.node == "route" && dup.port == "up")
        #expect(dup.hint?.description.contains("`or`") == true)
        let clash = try #require(diagnostics.only("uses port `default`"))
        #expect(clash.hint?.description.contains("`default: false`") == true)
        #expect(diagnostics.count == 2, "\(diagnostics.map(\.description))")
    }

    @Test func checksNeedATestAndAValidRegex() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              empty: { kind: check }
              rx: { kind: check, regex: '(unclosed' }
            wires:
              - x -> empty
              - x -> rx
            """)
        #expect(diagnostics.only("check node `empty` has no test")?.location == at(4, 3))
        #expect(diagnostics.only("regex of check node `rx`")?.location == at(5, 22))
        #expect(diagnostics.count == 2)
    }

    @Test func jqInputNamesAreChecked() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              a: { kind: input }
              j: { kind: jq, jq: '.a', inputs: [a, a, 'b c'] }
            wires:
              - a -> j.a
            """)
        #expect(diagnostics.only("lists input `a` twice")?.port == "a")
        #expect(diagnostics.only("input `b c` of jq node `j` is not a valid port name") != nil)
        #expect(diagnostics.count == 2, "\(diagnostics.map(\.description))")
    }
}
