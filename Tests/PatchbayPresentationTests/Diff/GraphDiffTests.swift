import Foundation
import PatchbayCore
import PatchbayPresentation
import Testing

@Suite struct GraphDiffTests {
    static let base = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          echo: { kind: template, template: 'Said: {{text}}' }
          answer: { kind: output, type: string }
        wires:
          - question -> echo.text
          - echo.text -> answer

        """

    static func graph(_ text: String) throws -> Graph { try GraphCodec.decode(text, path: nil).graph }

    @Test func namesChangedFieldsAddedAndRemovedNodesAndWires() throws {
        let edited = """
            patchbay: 1
            nodes:
              question: { kind: input, type: string }
              echo: { kind: template, template: 'It said: {{text}}' }
              shout: { kind: template, template: '{{text}}!' }
              answer: { kind: output, type: string }
            wires:
              - question -> echo.text
              - echo.text -> shout.text
              - shout.text -> answer

            """
        let diff = GraphDiff(try Self.graph(Self.base), try Self.graph(edited))
        #expect(diff.changedNodes == [GraphDiff.NodeChange(id: "echo", fields: ["template"])])
        #expect(diff.addedNodes == ["shout"] && diff.removedNodes.isEmpty)
        #expect(diff.addedWires.count == 2 && diff.removedWires.count == 1)
        #expect(diff.lines.first == "~ node `echo`: template")
        #expect(diff.lines.contains("+ node `shout`"))
        #expect(diff.json["changed_nodes"]?["echo"] == ["template"])
        #expect(diff.json["added_nodes"] == ["shout"])
    }

    @Test func aChangedKindComesFirst() throws {
        let edited = Self.base.replacingOccurrences(
            of: "echo: { kind: template, template: 'Said: {{text}}' }", with: "echo: { kind: jq, jq: '.' }")
        let diff = GraphDiff(try Self.graph(Self.base), try Self.graph(edited))
        #expect(diff.changedNodes.first?.fields.first == "kind", "\(diff.changedNodes)")
    }

    @Test func onlyTheTitleChangedSaysSo() throws {
        let diff = GraphDiff(try Self.graph(Self.base), try Self.graph("title: Renamed\n" + Self.base))
        #expect(diff.lines == ["(title, description or layout only)"])
    }
}
