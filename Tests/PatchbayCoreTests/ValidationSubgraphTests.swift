import Testing

@testable import PatchbayCore

@Suite struct ValidationSubgraphTests {
    static let item = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          upper: { kind: jq, jq: ascii_upcase }
          result: { kind: output, type: string }
        wires:
          - item -> upper
          - upper -> result
        """

    @Test func aMapOverAValidSubgraphIsValid() throws {
        let (_, diagnostics) = try ValidationFixture().validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              docs: { kind: input, type: array }
              each: { kind: map, graph: parts/one.graph.yaml, concurrency: 2 }
              all: { kind: output, type: array }
            wires:
              - docs -> each.items
              - each.results -> all
            """,
            "parts/one.graph.yaml": Self.item,
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func aMissingSubgraphFileNamesThePathItLookedFor() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              docs: { kind: input, type: array }
              each:
                kind: map
                graph: parts/missing.graph.yaml
              all: { kind: output }
            wires:
              - docs -> each.items
              - each.results -> all
            """
        ])
        let d = try #require(diagnostics.only("sub-graph file `parts/missing.graph.yaml` of node `each` not found"))
        #expect(d.message.contains("(looked for \(fixture.folder)/parts/missing.graph.yaml)"))
        #expect(d.file == path && d.location == at(6, 5) && d.node == "each")
        #expect(d.hint?.description.hasPrefix("create that file, or fix `graph:`") == true)
        // The node's ports are unknown, so its wires are not reported as well.
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
    }

    @Test func aSubgraphThatIncludesItselfShowsTheChain() throws {
        let fixture = try ValidationFixture()
        let (_, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              review: { kind: graph, graph: b.graph.yaml }
            """,
            "b.graph.yaml": """
            patchbay: 1
            nodes:
              again:
                kind: graph
                graph: ./main.graph.yaml
            """,
        ])
        let d = try #require(diagnostics.only("includes itself"))
        #expect(d.message.hasSuffix(": main.graph.yaml → b.graph.yaml → main.graph.yaml"))
        #expect(d.file == fixture.folder + "/b.graph.yaml" && d.location == at(5, 5) && d.node == "again")
        #expect(d.hint?.description.contains("`loop`") == true)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
    }

    @Test func aGraphThatIncludesItselfDirectly() throws {
        let (path, diagnostics) = try ValidationFixture().validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              me: { kind: loop, graph: main.graph.yaml, max: 2 }
            """
        ])
        let d = try #require(diagnostics.only("includes itself"))
        #expect(d.message.hasSuffix(": main.graph.yaml → main.graph.yaml"))
        #expect(d.file == path && d.location == at(3, 21) && d.node == "me")
    }

    @Test func problemsInsideASubgraphCarryItsPath() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              docs: { kind: input }
              each: { kind: map, graph: parts/one.graph.yaml, item: doc }
              all: { kind: outptu }
            wires:
              - docs -> each.items
              - each.results -> all
            """,
            // Paths inside a sub-graph are relative to its own folder.
            "parts/one.graph.yaml": """
            patchbay: 1
            nodes:
              doc: { kind: input }
              inner: { kind: graph, graph: two.graph.yaml }
              out: { kind: output }
            wires:
              - doc -> inner.text
              - inner.answer -> out
            """,
            "parts/two.graph.yaml": """
            patchbay: 1
            nodes:
              text: { kind: input }
              answer: { kind: output }
              stray: { kind: jq, jq: . , colour: red }
            wires:
              - text -> answer
            """,
        ])
        #expect(
            diagnostics.map(\.file) == [
                path, fixture.folder + "/parts/two.graph.yaml", fixture.folder + "/parts/two.graph.yaml",
            ],
            "\(diagnostics.map(\.description))")
        #expect(diagnostics.first?.message.contains("unknown kind `outptu`") == true)
        let field = try #require(diagnostics.only("unknown field `colour`"))
        #expect(field.location == at(5, 30) && field.node == "stray")
        #expect(diagnostics.only("required input `stray.value` is not wired")?.location == at(5, 3))
    }

    @Test func aGraphNodeTakesItsSubgraphsPorts() throws {
        let (_, diagnostics) = try ValidationFixture().validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              x: { kind: input }
              run: { kind: graph, graph: item.graph.yaml }
              out: { kind: output }
            wires:
              - x -> run.itme
              - run.result -> out
            """,
            "item.graph.yaml": Self.item,
        ])
        let d = try #require(diagnostics.only("unknown port `itme` of graph node `run`"))
        #expect(d.location == at(7, 5) && d.hint == .didYouMean(["item"], also: "its input ports: `item`"))
        #expect(diagnostics.only("`run.item` is not wired") != nil)
        #expect(diagnostics.count == 2)
    }

    @Test func mapItemsMustBeAListAndTheItemInputMustExist() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              doc: { kind: input, type: string }
              each: { kind: map, graph: one.graph.yaml, item: entry }
              all: { kind: output }
            wires:
              - doc -> each.items
              - each.results -> all
            """,
            "one.graph.yaml": Self.item,
        ])
        let type = try #require(diagnostics.only("`doc.value` carries string but `each.items` takes array"))
        #expect(type.file == path && type.location == at(7, 5))
        let item = try #require(diagnostics.only("has no input `entry`"))
        #expect(item.location == at(4, 45) && item.node == "each" && item.port == "entry")
        #expect(item.hint?.description.contains("one of its inputs: `item`") == true)
        // Because `entry` is not the item input, the sub-graph's `item` becomes a port to wire.
        #expect(diagnostics.only("`each.item` is not wired") != nil)
        #expect(diagnostics.count == 3)
    }

    @Test func aBrokenSubgraphFileIsReportedWithItsOwnErrors() throws {
        let fixture = try ValidationFixture()
        let (path, diagnostics) = try fixture.validate([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              run: { kind: graph, graph: bad.graph.yaml }
            """,
            "bad.graph.yaml": "patchbay: 1\nnodes:\n  a: { kind: input\n",
        ])
        let node = try #require(diagnostics.only("sub-graph file"))
        #expect(node.file == path && node.location == at(3, 23) && node.message.contains("has errors"))
        #expect(diagnostics.contains { $0.file == fixture.folder + "/bad.graph.yaml" })
    }
}
