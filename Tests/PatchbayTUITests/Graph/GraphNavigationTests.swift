import PatchbayCore
import Testing

@testable import PatchbayTUI

@Suite struct GraphNavigationTests {
    /// a → x → y → {out1, out2}; a → z (a second branch below).
    let graph = GraphFixtures.graph(
        [
            ("a", "input"), ("x", "llm"), ("y", "check"), ("out1", "output"), ("out2", "output"), ("z", "jq"),
            ("b", "input"),
        ],
        ["a -> x", "x -> y", "y.pass -> out1", "y.reason -> out2", "b -> z", "z -> out2"])

    func move(_ from: String?, _ d: GraphNavigation.Direction, _ layout: GraphLayout) -> String? {
        GraphNavigation.move(from: from, d, in: layout)
    }

    @Test func noSelectionPicksTheFirstNode() {
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(move(nil, .down, layout) == layout.layers[0][0])
        #expect(move("gone", .right, layout) == layout.layers[0][0])
    }

    @Test func rightAndLeftFollowWires() {
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        #expect(move("a", .right, layout) == "x")
        #expect(move("x", .right, layout) == "y")
        #expect(move("y", .left, layout) == "x")
        #expect(move("x", .left, layout) == "a")
        #expect(move("b", .right, layout) == "z")
        // Left from a node with two sources takes the one nearest in line.
        let out2 = layout.boxes["out2"]!
        let nearest = ["y", "z"].min { abs(layout.boxes[$0]!.y - out2.y) < abs(layout.boxes[$1]!.y - out2.y) }
        #expect(move("out2", .left, layout) == nearest)
        // Nothing further: stay.
        #expect(move("a", .left, layout) == "a")
        #expect(move("out1", .right, layout) == "out1")
    }

    @Test func rightPicksTheDownstreamNodeNearestVertically() {
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        let y = layout.boxes["y"]!
        let expected = ["out1", "out2"].min { abs(layout.boxes[$0]!.y - y.y) < abs(layout.boxes[$1]!.y - y.y) }
        #expect(move("y", .right, layout) == expected)
    }

    @Test func upAndDownStayInTheLayer() {
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        let last = layout.layers.last!
        #expect(last.count == 2)
        #expect(move(last[0], .down, layout) == last[1])
        #expect(move(last[1], .up, layout) == last[0])
        #expect(move(last[1], .down, layout) == last[1])
        #expect(move(last[0], .up, layout) == last[0])
    }

    /// Drawn top to bottom, right and left still follow the wires, as the keymap says; down
    /// and up step along the layer (now drawn as a row).
    @Test func topToBottomRightAndLeftStillFollowTheWires() {
        let layout = GraphLayout.make(graph, orientation: .topToBottom)
        #expect(move("a", .right, layout) == "x")
        #expect(move("x", .left, layout) == "a")
        #expect(move("x", .right, layout) == "y")
        #expect(move("a", .left, layout) == "a")
        let last = layout.layers.last!
        #expect(move(last[0], .down, layout) == last[1])
        #expect(move(last[1], .up, layout) == last[0])
        #expect(move(last[1], .down, layout) == last[1])
    }

    @Test func withoutAWireRightGoesToTheNextLayer() {
        let loose = GraphFixtures.graph([("a", "input"), ("m", "llm"), ("n", "jq")], ["a -> n", "m -> n"])
        let layout = GraphLayout.make(loose, orientation: .leftToRight)
        #expect(move("m", .right, layout) == "n")
        let isolated = GraphFixtures.graph([("a", "input"), ("b", "llm"), ("o", "output")], [])
        let flat = GraphLayout.make(isolated, orientation: .leftToRight)
        #expect(move("a", .right, flat) == "o")
    }

    @Test func findCyclesThroughIdsThenKinds() {
        let g = GraphFixtures.graph(
            [("summarize", "llm"), ("tidy", "jq"), ("short", "check"), ("summary", "output")], [])
        #expect(GraphNavigation.find("SUM", in: g, after: nil) == "summarize")
        #expect(GraphNavigation.find("sum", in: g, after: "summarize") == "summary")
        #expect(GraphNavigation.find("sum", in: g, after: "summary") == "summarize")
        #expect(GraphNavigation.find("sum", in: g, after: "tidy") == "summary")
        #expect(GraphNavigation.find("jq", in: g, after: nil) == "tidy")  // by kind
        #expect(GraphNavigation.find("t", in: g, after: "short") == "tidy")  // ids first: tidy, short
        #expect(GraphNavigation.find("nope", in: g, after: nil) == nil)
        #expect(GraphNavigation.find("", in: g, after: nil) == nil)
        #expect(GraphNavigation.find("tidy", in: g, after: "tidy") == "tidy")
    }
}

@Suite struct GraphViewportTests {
    let size = (width: 80, height: 20)

    @Test func visibleBoxLeavesTheViewportAlone() {
        let viewport = GraphViewport(x: 10, y: 5)
        #expect(viewport.scrolled(toShow: Rect(x: 20, y: 8, width: 14, height: 4), in: size) == viewport)
    }

    @Test func scrollsJustEnoughWithAMargin() {
        let origin = GraphViewport()
        #expect(
            origin.scrolled(toShow: Rect(x: 100, y: 0, width: 10, height: 4), in: size) == GraphViewport(x: 31, y: 0))
        #expect(
            origin.scrolled(toShow: Rect(x: 0, y: 30, width: 10, height: 4), in: size) == GraphViewport(x: 0, y: 15))
        let far = GraphViewport(x: 50, y: 40)
        #expect(far.scrolled(toShow: Rect(x: 10, y: 12, width: 10, height: 4), in: size) == GraphViewport(x: 9, y: 11))
        #expect(far.scrolled(toShow: Rect(x: 0, y: 0, width: 10, height: 4), in: size) == GraphViewport(x: 0, y: 0))
    }

    @Test func boxWiderThanThePaneShowsItsStart() {
        let v = GraphViewport().scrolled(toShow: Rect(x: 40, y: 0, width: 30, height: 4), in: (width: 20, height: 4))
        #expect(v == GraphViewport(x: 40, y: 0))
    }

    @Test func keepsTheSelectionInViewWhileMoving() {
        let graph = GraphFixtures.generated(count: 120)
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        var selection = GraphNavigation.move(from: nil, .right, in: layout)
        var viewport = GraphViewport()
        let pane = (width: 80, height: 24)
        for step in 0..<30 {
            selection = GraphNavigation.move(from: selection, step % 4 == 3 ? .down : .right, in: layout)
            let box = layout.boxes[selection!]!
            viewport = viewport.scrolled(toShow: box, in: pane)
            #expect(box.x >= viewport.x && box.maxX <= viewport.x + pane.width)
            #expect(box.y >= viewport.y && box.maxY <= viewport.y + pane.height)
        }
        #expect(viewport.x > 0)
    }

    @Test func clampsToTheContent() {
        let v = GraphViewport(x: 500, y: -3).clamped(toContent: (width: 100, height: 10), in: (width: 80, height: 24))
        #expect(v == GraphViewport(x: 20, y: 0))
    }
}
