import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The compare pane as the terminal shows it, at both sizes: the steps of two runs aligned,
/// the changed ones marked, the selected one's word diff; the graph's diff; the ASCII set.
@Suite struct CompareSnapshotTests {
    typealias F = AppFixtures
    typealias C = CompareFixtures

    @Test(arguments: [(80, 24), (120, 40)])
    func aChangedTextsWordDiff(width: Int, height: Int) throws {
        var state = try C.compared(width: width, height: height)
        // At 80 columns the pane's key hints, rather than the message, which would be cut.
        if width == 80 { state.message = nil }
        Snapshot.expect(Screen().render(state), named: "compare-text-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theGraphDiff(width: Int, height: Int) throws {
        var state = try C.compared(width: width, height: height)
        F.keys(&state, .home)
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "compare-graph-\(width)x\(height)")
    }

    @Test func asciiAndAKeyDiff() throws {
        var state = try C.compared(width: 80, height: 24)
        state.glyphs = .ascii
        F.keys(&state, .char("j"))
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "compare-ascii-80x24")
    }

    @Test func nothingComparedYet() throws {
        var state = try HistoryFixtures.historyState(width: 80, height: 24)
        ViewReducer.switchLayout(&state, "compare")
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "compare-empty-80x24")
    }
}
