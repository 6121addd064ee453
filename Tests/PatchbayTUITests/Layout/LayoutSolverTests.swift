import Testing

@testable import PatchbayTUI

@Suite struct LayoutSolverTests {
    static let sizes = [(80, 24), (120, 40), (61, 17), (97, 33), (203, 57)]

    /// Panes inside the rect, not overlapping, covering it: an exact tiling.
    func expectTiles(_ result: LayoutResult, _ rect: Rect, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var covered = [Int](repeating: 0, count: rect.width * rect.height)
        for (id, pane) in result.panes {
            #expect(pane.intersection(rect) == pane, "\(id) \(pane) outside \(rect)", sourceLocation: sourceLocation)
            for y in pane.y..<pane.maxY {
                for x in pane.x..<pane.maxX { covered[(y - rect.y) * rect.width + x - rect.x] += 1 }
            }
        }
        #expect(
            covered.allSatisfy { $0 == 1 },
            "not an exact tiling of \(rect): \(result.panes.map { "\($0.id) \($0.rect)" })",
            sourceLocation: sourceLocation)
    }

    @Test func builtInsTileEverySize() {
        for (name, spec) in LayoutCatalog.builtIn {
            for (w, h) in Self.sizes where w >= spec.minWidth && h >= spec.minHeight {
                let rect = Rect(x: 3, y: 1, width: w, height: h)
                let result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: [:])
                #expect(!result.tooSmall)
                #expect(result.panes.map(\.id) == spec.panes, "\(name)")
                expectTiles(result, rect)
            }
        }
    }

    @Test func defaultAt80x24() throws {
        let spec = try #require(LayoutCatalog.builtIn["default"])
        let result = LayoutSolver.solve(
            spec, in: Rect(x: 0, y: 0, width: 80, height: 23), zoomed: nil, adjustments: [:])
        #expect(result.rect(of: .graph) == Rect(x: 0, y: 0, width: 44, height: 23))
        #expect(result.rect(of: .inspector) == Rect(x: 44, y: 0, width: 36, height: 14))
        #expect(result.rect(of: .prompt) == Rect(x: 44, y: 14, width: 36, height: 9))
        #expect(result.number(of: .prompt) == 3)
        #expect(result.pane(numbered: 2) == .inspector)
        #expect(result.pane(numbered: 4) == nil && result.pane(numbered: 0) == nil)
        #expect(LayoutResult().pane(numbered: 1) == nil)
        #expect(result.pane(atX: 50, y: 20) == .prompt)
        #expect(result.handles.map(\.path) == ["0", "0.1"])
        #expect(result.handles.first?.rect == Rect(x: 44, y: 0, width: 1, height: 23))
    }

    @Test func fixedPercentAndRestAddUp() throws {
        let spec = try LayoutSpec.parse(
            """
            split: columns
            children:
              - pane: graph
                size: 20
              - pane: inspector
                size: 33%
              - pane: prompt
              - pane: trace
            """, source: "t.yaml")
        for (w, h) in Self.sizes {
            let rect = Rect(x: 0, y: 0, width: w, height: h)
            let result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: [:])
            expectTiles(result, rect)
            #expect(result.rect(of: .graph)?.width == 20)
            #expect(result.rect(of: .inspector)?.width == (w * 33 + 50) / 100)
            let rest = w - 20 - (w * 33 + 50) / 100
            #expect(result.rect(of: .prompt)?.width == (rest + 1) / 2)
            #expect(result.rect(of: .trace)?.width == rest / 2)
        }
    }

    @Test func oversizedRequestsStillTile() throws {
        let spec = try LayoutSpec.parse(
            """
            split: rows
            children:
              - pane: graph
                size: 90%
              - pane: trace
                size: 30
              - pane: output
            min_height: 5
            """, source: "t.yaml")
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        let result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: [:])
        expectTiles(result, rect)
        // Each pane keeps its minimum of 3 rows; the first takes what is left.
        #expect(result.panes.map(\.rect.height) == [18, 3, 3])
        let under = LayoutSolver.solve(spec, in: Rect(x: 0, y: 0, width: 80, height: 20), zoomed: nil, adjustments: [:])
        #expect(under.panes.map(\.rect.height) == [14, 3, 3])
    }

    @Test func zoomGivesOnePaneTheWholeRect() throws {
        let spec = try #require(LayoutCatalog.builtIn["debug"])
        let rect = Rect(x: 0, y: 0, width: 80, height: 23)
        let result = LayoutSolver.solve(spec, in: rect, zoomed: .trace, adjustments: ["0": 5])
        #expect(result.panes.count == 1)
        #expect(result.panes.first?.id == .trace && result.panes.first?.rect == rect)
        #expect(result.number(of: .trace) == 2)
        #expect(result.handles.isEmpty)
        // A pane the layout does not have is not zoomed.
        #expect(LayoutSolver.solve(spec, in: rect, zoomed: .prompt, adjustments: [:]).panes.count == 3)
    }

    @Test func tooSmall() throws {
        let spec = try #require(LayoutCatalog.builtIn["default"])
        let small = LayoutSolver.solve(spec, in: Rect(x: 0, y: 0, width: 59, height: 30), zoomed: nil, adjustments: [:])
        #expect(small.tooSmall && small.panes.isEmpty)
        #expect(small.order == [.graph, .inspector, .prompt])
        #expect(
            LayoutSolver.solve(spec, in: Rect(x: 0, y: 0, width: 100, height: 15), zoomed: .graph, adjustments: [:])
                .tooSmall)
        #expect(
            !LayoutSolver.solve(spec, in: Rect(x: 0, y: 0, width: 60, height: 16), zoomed: nil, adjustments: [:])
                .tooSmall)
    }

    @Test func adjustMovesTheInnermostBoundary() throws {
        let spec = try #require(LayoutCatalog.builtIn["default"])
        let rect = Rect(x: 0, y: 0, width: 80, height: 23)
        var adjustments: [String: Int] = [:]
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .graph, by: 3, in: rect)
        #expect(adjustments == ["0": 3])
        // The prompt is the second child of the rows split: growing it moves that boundary up.
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .prompt, by: 2, in: rect)
        #expect(adjustments == ["0": 3, "0.1": -2])
        let result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: adjustments)
        expectTiles(result, rect)
        #expect(result.rect(of: .graph)?.width == 47)
        #expect(result.rect(of: .prompt)?.height == 11)
        // Shrinking the inspector grows the prompt the same way; back to zero removes the key.
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .inspector, by: 2, in: rect)
        #expect(adjustments == ["0": 3])
    }

    @Test func adjustClampsAtTheMinimum() throws {
        let spec = try #require(LayoutCatalog.builtIn["default"])
        let rect = Rect(x: 0, y: 0, width: 80, height: 23)
        var adjustments: [String: Int] = [:]
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .graph, by: 500, in: rect)
        var result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: adjustments)
        #expect(result.rect(of: .inspector)?.width == LayoutSolver.minPaneColumns)
        expectTiles(result, rect)
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .graph, by: -500, in: rect)
        result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: adjustments)
        #expect(result.rect(of: .graph)?.width == LayoutSolver.minPaneColumns)
        LayoutSolver.adjust(&adjustments, spec: spec, growing: .prompt, by: 100, in: rect)
        result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: adjustments)
        #expect(result.rect(of: .inspector)?.height == LayoutSolver.minPaneRows)
        expectTiles(result, rect)
    }

    @Test func adjustmentsSavedForABigScreenAreClampedOnASmallOne() throws {
        let spec = try #require(LayoutCatalog.builtIn["default"])
        var adjustments: [String: Int] = [:]
        LayoutSolver.adjust(
            &adjustments, spec: spec, growing: .graph, by: 60, in: Rect(x: 0, y: 0, width: 200, height: 50))
        #expect(adjustments["0"] == 60)
        let rect = Rect(x: 0, y: 0, width: 80, height: 23)
        let result = LayoutSolver.solve(spec, in: rect, zoomed: nil, adjustments: adjustments)
        expectTiles(result, rect)
        #expect(result.rect(of: .inspector)?.width == LayoutSolver.minPaneColumns)
    }
}
