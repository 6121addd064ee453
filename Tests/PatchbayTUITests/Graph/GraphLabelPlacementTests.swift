import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Drawn top to bottom, a wire's port label sits on its arrow head's row, left of the head
/// (`pass ▼`), and takes no row of its own: text-stats fits 120x40 again with its output
/// nodes on screen.
@Suite struct GraphLabelPlacementTests {
    @Test func labelsSitBesideTheirArrowsAndAddNoRow() throws {
        let graph = try AppFixtures.textStats().graph
        let layout = GraphLayout.make(graph, orientation: .topToBottom)
        let labelled = layout.routes.filter { $0.label != nil }
        #expect(labelled.compactMap(\.label).sorted() == ["pass", "reason"])
        for route in labelled {
            let head = try #require(route.points.last)
            let area = try #require(route.labelArea)
            #expect(area.y == head.y, "the label is on the arrow's row")
            #expect(area.maxX == head.x - 1, "it ends one blank before the arrow")
            #expect(area.width >= (route.label ?? "").count, "\(route.label ?? "") fits: \(area)")
            // The wire turns down from its lane straight into the arrow: no row in between.
            #expect(route.points[route.points.count - 2].y == head.y - 1)
            // No other wire crosses the cells it takes.
            for other in layout.routes where other != route {
                for (a, b) in zip(other.points, other.points.dropFirst()) {
                    let cells =
                        a.y == b.y
                        ? (min(a.x, b.x)...max(a.x, b.x)).map { GraphLayout.Point(x: $0, y: a.y) }
                        : (min(a.y, b.y)...max(a.y, b.y)).map { GraphLayout.Point(x: a.x, y: $0) }
                    #expect(!cells.contains { area.contains(x: $0.x, y: $0.y) }, "\(other.from)→\(other.to) crosses")
                }
            }
        }
    }
}
