import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct GraphLayoutTests {
    let g = GraphFixtures.graph

    @Test func inputsFirstOutputsLastByLongestPath() {
        let graph = g(
            [("out", "output"), ("a", "input"), ("x", "llm"), ("y", "jq"), ("early", "output"), ("lonely", "input")],
            ["a -> x", "x -> y", "a -> y", "y -> out", "a -> early"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.layers.count == 4)
        #expect(Set(layout.layers[0]) == ["a", "lonely"])
        #expect(layout.layers[1] == ["x"])
        #expect(layout.layers[2] == ["y"])  // longest path a -> x -> y, not a -> y
        #expect(Set(layout.layers[3]) == ["out", "early"])
        #expect(GraphFixtures.defects(layout).isEmpty)
        // Layers are columns, left to right.
        #expect(layout.boxes["a"]!.maxX < layout.boxes["x"]!.x)
        #expect(layout.boxes["y"]!.maxX < layout.boxes["early"]!.x)
    }

    @Test func topToBottomStacksLayersAsRows() {
        let graph = g([("a", "input"), ("x", "llm"), ("o", "output")], ["a -> x", "x -> o"])
        let layout = GraphLayout.make(graph, orientation: .topToBottom)
        #expect(layout.boxes["a"]!.maxY < layout.boxes["x"]!.y)
        #expect(layout.boxes["x"]!.maxY < layout.boxes["o"]!.y)
        #expect(GraphFixtures.defects(layout).isEmpty)
        #expect(layout.height == layout.boxes["o"]!.maxY)
    }

    @Test func boxesFitIdAndKind() {
        let graph = g([("summarize", "llm"), ("refine", "loop")], ["summarize -> refine"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.boxes["summarize"]!.width == "✓ summarize".count + 4)
        #expect(layout.boxes["summarize"]!.height == 4)
        // "  loop [+]" is wider than "✓ refine".
        #expect(layout.boxes["refine"]!.width == "  loop [+]".count + 4)
    }

    @Test func barycenterOrderRemovesCrossings() {
        // In file order the wires a->q and b->p cross; the layout swaps p and q.
        let graph = g(
            [("a", "input"), ("b", "input"), ("p", "llm"), ("q", "llm"), ("r", "jq"), ("s", "jq")],
            ["a -> q", "b -> p", "q -> s", "p -> r"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.layers[1] == ["q", "p"])
        #expect(layout.layers[2] == ["s", "r"])
        var ordering = SlotOrdering(Layering(LayoutInput(graph)))
        ordering.reduceCrossings()
        #expect(ordering.crossings() == 0)
    }

    @Test func sweepsReduceCrossingsInTheSamples() throws {
        for name in ["summarize", "classify", "refine", "digest", "extract", "text-stats"] {
            let graph = try GraphFixtures.sample(name)
            var ordering = SlotOrdering(Layering(LayoutInput(graph)))
            ordering.reduceCrossings()
            #expect(ordering.crossings() == 0, "\(name)")
            for orientation in [GraphLayout.Orientation.leftToRight, .topToBottom] {
                let layout = GraphLayout.make(graph, orientation: orientation)
                #expect(layout.boxes.count == graph.nodes.count)
                #expect(GraphFixtures.defects(layout) == [], "\(name) \(orientation)")
            }
        }
    }

    @Test func cycleIsBrokenNotFollowedForever() {
        let graph = g(
            [("a", "input"), ("x", "llm"), ("y", "jq"), ("z", "check"), ("o", "output")],
            ["a -> x", "x -> y", "y -> z", "z -> x", "z -> o", "o -> a"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.boxes.count == 5)
        #expect(layout.layers.first == ["a"])
        #expect(layout.layers.last == ["o"])
        let back = layout.routes.filter(\.reversed)
        #expect(Set(back.map { "\($0.from)->\($0.to)" }) == ["z->x", "o->a"])
        #expect(GraphFixtures.defects(layout).isEmpty)
        #expect(
            GraphNavigation.move(from: "z", .right, in: layout) == "x"
                || GraphNavigation.move(from: "z", .right, in: layout) == "o")
    }

    @Test func unknownEndpointsAndRepeatedWiresAreIgnored() {
        let graph = Graph(
            nodes: [
                Node(id: "a", kindName: "input"), Node(id: "b", kindName: "no-such-kind"),
                Node(id: "a", kindName: "llm"),
            ],
            wires: ["a -> ghost", "ghost.out -> b", "a.x -> b.y", "a.z -> b.w", "b -> b"].compactMap {
                Wire(parsing: $0)
            })
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.boxes.count == 2)  // the duplicate id is drawn once
        #expect(layout.routes.count == 1)
        #expect(layout.kinds["b"] == "no-such-kind")
        #expect(layout.successors["a"] == ["b"])
        #expect(GraphFixtures.defects(layout).isEmpty)
    }

    @Test func emptyGraphHasAnEmptyLayout() {
        let layout = GraphLayout.make(Graph(), orientation: .leftToRight)
        #expect(layout.layers.isEmpty)
        #expect(layout.width == 0 && layout.height == 0)
        #expect(GraphNavigation.move(from: nil, .right, in: layout) == nil)
    }

    @Test func longWiresGetALaneThroughMiddleLayers() {
        let graph = g(
            [("a", "input"), ("x", "llm"), ("y", "jq"), ("z", "jq"), ("o", "output")],
            ["a -> x", "x -> y", "y -> z", "z -> o", "a -> o"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(GraphFixtures.defects(layout).isEmpty)
        #expect(layout.routes.count == 5)
    }

    @Test func narrowPanesStackTopToBottom() throws {
        let graph = try GraphFixtures.sample("classify")
        #expect(GraphLayout.orientation(for: graph, paneWidth: 120, paneHeight: 40) == .leftToRight)
        #expect(GraphLayout.orientation(for: graph, paneWidth: 40, paneHeight: 30) == .topToBottom)
        let small = g([("a", "input"), ("o", "output")], ["a -> o"])
        #expect(GraphLayout.orientation(for: small, paneWidth: 40, paneHeight: 30) == .leftToRight)
    }

    @Test func generatedGraphOf500NodesLaysOutCleanly() {
        let graph = GraphFixtures.generated(count: 500)
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(layout.boxes.count == 500)
        #expect(layout.layers.count == 50)
        #expect(GraphFixtures.defects(layout).isEmpty)
    }
}
