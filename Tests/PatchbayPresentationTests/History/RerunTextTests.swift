import PatchbayCore
import PatchbayPresentation
import Testing

/// The sentences the workbench's `R`/`F` inside a sub-graph and `patchbay rerun --from` share.
@Suite struct RerunTextTests {
    static func graph(kind: String) throws -> Graph {
        let text = """
            patchbay: 1
            nodes:
              each: { kind: \(kind), graph: body.graph.yaml }
              all: { kind: output }
            wires:
              - each.out -> all

            """
        return try GraphCodec.decode(text, path: nil).graph
    }

    @Test(arguments: [("map", " in every item"), ("loop", " in every pass"), ("graph", "")])
    func whatReRunsNamesItemsOrPasses(kind: String, every: String) throws {
        #expect(
            RerunText.rerunning(from: "each/shout", in: try Self.graph(kind: kind))
                == "Re-running from `each/shout`\(every), and what depends on `each`")
    }

    @Test func aPathNamingNoNode() {
        #expect(RerunText.noNode("each/shoot") == "no node `each/shoot` in this graph to re-run from")
    }
}
