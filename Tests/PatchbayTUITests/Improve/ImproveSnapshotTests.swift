import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// The improve pane as the terminal shows it, in its layout: running, finished, a diff.
@Suite struct ImproveSnapshotTests {
    typealias F = AppFixtures
    typealias I = ImproveFixtures

    @Test func improveRunning() throws {
        var state = try I.searched(width: 80, height: 24)
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(3.2)))
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "improve-running-80x24")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func improveReport(width: Int, height: Int) throws {
        var state = try I.searched(width: width, height: height)
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(7.5)))
        _ = AppReducer.reduce(&state, .improve(.report(.finished(I.report(state), saved: true))))
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "improve-report-\(width)x\(height)")
    }

    @Test func improveDiff() throws {
        var state = try I.searched(width: 80, height: 24)
        F.keys(&state, .enter)
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "improve-diff-80x24")
    }

    /// A move inside a sub-graph: the graph's part is empty, the sub-graph's under its heading.
    @Test(arguments: [(80, 24), (120, 40)])
    func improveSubgraphDiff(width: Int, height: Int) throws {
        var state = try I.searched(width: width, height: height)
        _ = AppReducer.reduce(&state, .improve(.report(.progress(I.subgraphProgress(state)))))
        F.keys(&state, .char("G"), .enter)
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "improve-subgraph-diff-\(width)x\(height)")
    }
}
