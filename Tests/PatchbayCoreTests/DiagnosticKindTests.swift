import Foundation
import Testing

@testable import PatchbayCore

/// Each diagnostic says what sort of problem it is: asserted by kind, not by wording.
@Suite struct DiagnosticKindTests {
    /// The diagnostics of a file that fails to load, or of the loaded file's validation.
    static func kinds(_ yaml: String) throws -> [Diagnostic.Kind] {
        do {
            return try ValidationFixture.check(yaml).diagnostics.map(\.kind)
        } catch let error as GraphFileError {
            return error.diagnostics.map(\.kind)
        }
    }

    @Test func yamlThatDoesNotParseIsSyntax() throws {
        #expect(try Self.kinds("patchbay: 1\nnodes: [a, b\n") == [.syntax])
    }

    @Test func aFileThatIsNotThereIsFile() throws {
        let error = #expect(throws: GraphFileError.self) {
            try GraphLoader().load(NSTemporaryDirectory() + "patchbay-none-\(UUID().uuidString).graph.yaml")
        }
        #expect(error?.diagnostics.map(\.kind) == [.file])
    }

    @Test func anUnknownFieldIsField() throws {
        let kinds = try Self.kinds(
            """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string, colour: red }
              out: { kind: output }
            wires:
              - topic -> out
            """)
        #expect(kinds == [.field])
    }

    @Test func anUnknownNodeInAWireIsReference() throws {
        let kinds = try Self.kinds(
            """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string }
              out: { kind: output }
            wires:
              - topc -> out
            """)
        #expect(kinds == [.reference])
    }

    @Test func aWireWhoseTypesDoNotFitIsWire() throws {
        let kinds = try Self.kinds(
            """
            patchbay: 1
            nodes:
              n: { kind: input, type: number }
              out: { kind: output, type: string }
            wires:
              - n -> out
            """)
        #expect(kinds == [.wire])
    }

    @Test func aTemplateThatDoesNotParseIsTemplate() throws {
        let kinds = try Self.kinds(
            """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string }
              t: { kind: template, template: "{{#topic}}open" }
              out: { kind: output }
            wires:
              - topic -> t.topic
              - t -> out
            """)
        #expect(kinds == [.template])
    }

    @Test func aSubgraphOutsideAnUntrustedProjectIsTrust() throws {
        let fixture = try ValidationFixture()
        try fixture.write("project/patchbay.toml", "")
        try fixture.write("outside.graph.yaml", ValidationSubgraphTests.item)
        let (_, diagnostics) = try fixture.validate(
            [
                "project/main.graph.yaml": """
                patchbay: 1
                nodes:
                  docs: { kind: input, type: array }
                  each: { kind: map, graph: ../outside.graph.yaml }
                  all: { kind: output, type: array }
                wires:
                  - docs -> each.items
                  - each.results -> all
                """
            ], root: "project/main.graph.yaml")
        let refusal = try #require(diagnostics.first { $0.hint == .trustGraph(path: $0.file, subgraphs: false) })
        #expect(refusal.kind == .trust && refusal.node == "each", "\(diagnostics)")
    }

    @Test func aLoopAboveTheLoopPassesLimitIsLimit() throws {
        let fixture = try ValidationFixture()
        try fixture.write("body.graph.yaml", ValidationSubgraphTests.item)
        let path = try fixture.write(
            "main.graph.yaml",
            """
            patchbay: 1
            nodes:
              start: { kind: input, type: string }
              again: { kind: loop, graph: body.graph.yaml, max: 500, until: "true" }
              out: { kind: output }
            wires:
              - start -> again
              - again -> out
            """)
        let loader = GraphLoader()
        let diagnostics = GraphValidator.validate(
            try loader.load(path), loader: loader, knownModelAliases: nil,
            limits: RunLimits(loopPasses: 100))
        #expect(diagnostics.contains { $0.kind == .limit && $0.node == "again" }, "\(diagnostics)")
    }

    @Test func anInvisibleCharacterInAnIdIsAStyleWarning() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              "to\\u200Bpic": { kind: input, type: string }
              out: { kind: output }
            wires:
              - "to\\u200Bpic -> out"
            """)
        #expect(diagnostics.map(\.kind) == [.style] && diagnostics.first?.severity == .warning, "\(diagnostics)")
    }

    @Test func anUnknownKindOffersTheCloseNameAsData() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              t: { kind: templat, template: hi }
            """)
        let d = try #require(diagnostics.first { $0.node == "t" })
        #expect(d.kind == .field && d.hint == .didYouMean(["template"]))
        #expect(d.hint?.suggestions == ["template"])
    }

    /// A misspelt field, node or port offers the close name as data, and still says what exists.
    @Test func misspeltNamesOfferTheirCloseNamesAsData() throws {
        let yaml = """
            patchbay: 1
            nodes:
              topic: { kind: input, type: string, tyep: string }
              out: { kind: output }
            wires:
              - topik -> out
              - topic.valeu -> out
            """
        let hints = try ValidationFixture.check(yaml).diagnostics.compactMap(\.hint)
        #expect(hints.map(\.suggestions).prefix(3) == [["type"], ["topic"], ["value"]])
        #expect(hints[0].description.hasPrefix("did you mean `type`? fields of input: "))
    }

    @Test func didYouMeanWithAdviceRoundTrips() throws {
        let hint = Hint.didYouMean(["prompt"], also: "fields of llm: …")
        let data = try JSONEncoder().encode(hint)
        #expect(try JSONDecoder().decode(Hint.self, from: data) == hint)
        #expect(hint.description == "did you mean `prompt`? fields of llm: …")
    }
}
