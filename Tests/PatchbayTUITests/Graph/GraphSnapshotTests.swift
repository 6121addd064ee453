import PatchbayCore
import PatchbayPresentation
import Testing

@testable import PatchbayTUI

@Suite struct GraphSnapshotTests {
    /// Statuses on the nodes in layer order (cached, done, running, failed, skipped, then idle),
    /// a breakpoint on the running one and the second node selected, scrolled into view.
    func render(
        _ graph: Graph, width: Int, height: Int, orientation: GraphLayout.Orientation? = nil,
        glyphs: Glyphs = .unicode, problems: Set<String> = [], select pick: Int = 1, selectID: String? = nil
    ) -> (CellBuffer, GraphLayout, String?) {
        let o = orientation ?? GraphLayout.orientation(for: graph, paneWidth: width, paneHeight: height)
        let layout = GraphLayout.make(graph, orientation: o)
        let order = layout.layers.flatMap { $0 }
        let statuses: [NodeStatus] = [.cached, .done, .running, .failed, .skipped]
        var marks = GraphMarks(problems: problems)
        for (id, status) in zip(order, statuses) { marks.statuses[id] = status }
        if order.count > 2 { marks.breakpoints = [order[2]] }
        let selection = selectID ?? (order.indices.contains(pick) ? order[pick] : order.first)
        var buffer = CellBuffer(width: width, height: height)
        var viewport = GraphViewport()
        if let selection, let box = layout.boxes[selection] {
            viewport = viewport.scrolled(toShow: box, in: (width, height))
        }
        GraphView.draw(
            layout, graph: graph, marks: marks, selection: selection, viewport: viewport,
            in: buffer.bounds, on: &buffer, theme: .dark, glyphs: glyphs, spinnerFrame: 3)
        return (buffer, layout, selection)
    }

    @Test(arguments: ["summarize", "classify", "refine"])
    func sample(_ name: String) throws {
        let graph = try GraphFixtures.sample(name)
        for (w, h) in [(80, 24), (120, 40)] {
            let (buffer, layout, selection) = render(
                graph, width: w, height: h, problems: name == "classify" ? ["unsure"] : [])
            #expect(layout.orientation == .leftToRight)
            Snapshot.expect(buffer, named: "graph-\(name)-\(w)x\(h)")
            // The selected node's id row is drawn reversed.
            if let selection, let box = layout.boxes[selection], box.maxX <= w, box.maxY <= h {
                #expect(buffer[box.x + 1, box.y + 1].style.reverse)
            }
        }
    }

    /// Wires out of a switch, check or loop carry the port they leave from (issue 16, item 7),
    /// across and top to bottom.
    @Test func labelledWires() throws {
        let stats = try GraphFixtures.sample("text-stats")
        for (w, h) in [(80, 24), (120, 40)] {
            let (buffer, _, _) = render(stats, width: w, height: h, orientation: .leftToRight)
            Snapshot.expect(buffer, named: "graph-text-stats-labels-\(w)x\(h)")
            #expect(buffer.text.contains("─pass─▶"))
            #expect(buffer.text.contains("─reason─▶"))
        }
        let (down, _, _) = render(stats, width: 80, height: 24, orientation: .topToBottom, select: 3)
        Snapshot.expect(down, named: "graph-text-stats-labels-down-80x24")
        #expect(down.text.contains("pass") && down.text.contains("reason"))

        let (classify, _, _) = render(try GraphFixtures.sample("classify"), width: 120, height: 40)
        for port in ["positive", "negative", "default"] {
            #expect(classify.text.contains("─\(port)─▶"), "no \(port) label:\n\(classify.text)")
        }
        let (refine, _, _) = render(try GraphFixtures.sample("refine"), width: 120, height: 40)
        #expect(refine.text.contains("─revised─▶") && refine.text.contains("─iterations─▶"))
    }

    @Test func portLabels() {
        let graph = GraphFixtures.graph(
            [("a", "input"), ("c", "check"), ("s", "switch"), ("m", "merge"), ("o", "output")],
            ["a -> c", "c -> s", "c.fail -> m", "c.reason -> m", "s.x -> m", "m -> o"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        let label = { (from: String, to: String) in layout.routes.first { $0.from == from && $0.to == to }?.label }
        // No port named: the check's pass. Several ports into one node share one label.
        #expect(label("c", "s") == "pass")
        #expect(label("c", "m") == "fail,reason,x")
        #expect(label("s", "m") == nil)
        #expect(label("a", "c") == nil)
        #expect(label("m", "o") == nil)
    }

    @Test func asciiOnly() throws {
        let graph = try GraphFixtures.sample("classify")
        let (buffer, _, _) = render(graph, width: 120, height: 40, glyphs: .ascii, problems: ["unsure"])
        Snapshot.expect(buffer, named: "graph-classify-ascii-120x40")
        let ascii = buffer.text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii)
    }

    @Test func narrowPaneTopToBottom() throws {
        let graph = try GraphFixtures.sample("summarize")
        let (buffer, layout, _) = render(graph, width: 40, height: 30)
        #expect(layout.orientation == .topToBottom)
        Snapshot.expect(buffer, named: "graph-summarize-narrow-40x30")
        let (classify, _, _) = render(try GraphFixtures.sample("classify"), width: 40, height: 30, select: 4)
        Snapshot.expect(classify, named: "graph-classify-narrow-40x30")
    }

    @Test func drawsOnlyInsideItsRect() throws {
        let graph = try GraphFixtures.sample("classify")
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        var buffer = CellBuffer(width: 60, height: 20)
        buffer.fill(buffer.bounds, with: "#")
        let pane = Rect(x: 5, y: 3, width: 40, height: 12)
        GraphView.draw(
            layout, graph: graph, marks: GraphMarks(), selection: "route", viewport: GraphViewport(x: 20, y: 2),
            in: pane, on: &buffer, theme: .dark, glyphs: .unicode, spinnerFrame: 0)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where !pane.contains(x: x, y: y) {
                #expect(buffer[x, y].text == "#", "cell \(x),\(y) outside the pane was written")
            }
        }
        #expect(buffer.text.contains("label"))
        Snapshot.expect(buffer, named: "graph-classify-clipped-60x20")
    }

    @Test func statusGlyphsAndMarks() {
        let graph = GraphFixtures.graph([("a", "input"), ("sub", "map"), ("o", "output")], ["a -> sub", "sub -> o"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        var buffer = CellBuffer(width: 60, height: 6)
        let marks = GraphMarks(statuses: ["a": .running, "sub": .failed], breakpoints: ["sub"], problems: ["o"])
        GraphView.draw(
            layout, graph: graph, marks: marks, selection: nil, viewport: GraphViewport(),
            in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, spinnerFrame: 12)
        let text = buffer.text
        #expect(text.contains("│\(Glyphs.unicode.spinner[2]) a"))
        #expect(text.contains("│✗ sub"))
        #expect(text.contains("map ⧉"))
        #expect(text.contains("◉─"))
        #expect(text.contains("│○ o      !│"))
        let o = layout.boxes["o"]!
        #expect(buffer[o.x, o.y].style == Theme.dark.error)
    }

    @Test func longAndHostileIdsStayInsideTheirBox() {
        let hostile = "evil\u{1b}[31m-node-with-a-name-far-too-long-to-show"
        let graph = GraphFixtures.graph([("a", "input"), (hostile, "llm")], ["a -> \(hostile)"])
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        let box = layout.boxes[hostile]!
        #expect(box.width == GraphLayout.maxContentWidth + 4)
        var buffer = CellBuffer(width: 80, height: 6)
        GraphView.draw(
            layout, graph: graph, marks: GraphMarks(), selection: hostile, viewport: GraphViewport(),
            in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, spinnerFrame: 0)
        let row = buffer.line(box.y + 1)
        #expect(row.contains("│○ evil\\x1b[31m-node-with-a-na…  │"))
        #expect(!buffer.text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(
            buffer.line(box.maxY - 1).hasSuffix(
                "└" + String(repeating: "─", count: box.width - 2) + "┘" + String(repeating: " ", count: 80 - box.maxX))
        )
    }

    @Test func mouseHitsTheNodeUnderTheCell() throws {
        let graph = try GraphFixtures.sample("summarize")
        let layout = GraphLayout.make(graph, orientation: .leftToRight)
        let tidy = layout.boxes["tidy"]!
        let pane = Rect(x: 2, y: 1, width: 60, height: 20)
        let viewport = GraphViewport(x: 10, y: 0)
        let hit = GraphNavigation.node(
            atScreenX: tidy.x - 10 + 2 + 1, y: tidy.y + 1 + 2, rect: pane, viewport: viewport, in: layout)
        #expect(hit == "tidy")
        #expect(GraphNavigation.node(atScreenX: 0, y: 0, rect: pane, viewport: viewport, in: layout) == nil)
        #expect(GraphNavigation.node(atScreenX: 3, y: 1, rect: pane, viewport: viewport, in: layout) == nil)
    }

    @Test func emptyGraphShowsAHint() {
        var buffer = CellBuffer(width: 40, height: 3)
        GraphView.draw(
            GraphLayout.make(Graph(), orientation: .leftToRight), graph: Graph(), marks: GraphMarks(), selection: nil,
            viewport: GraphViewport(), in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, spinnerFrame: 0)
        #expect(buffer.text.contains("no nodes"))
    }

    @Test func fiveHundredNodes() {
        let graph = GraphFixtures.generated(count: 500)
        let (buffer, layout, _) = render(graph, width: 120, height: 40, selectID: "n255")
        #expect(layout.boxes.count == 500)
        // Scrolled to n255 (row 25 of 50), far from the origin, and it is on screen.
        #expect(buffer.text.contains("n255"))
        Snapshot.expect(buffer, named: "graph-generated-500-120x40")
    }
}
