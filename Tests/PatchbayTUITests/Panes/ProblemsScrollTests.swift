import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The problems pane keeps its selection in view, as the runs list and the trace do: before,
/// `j` past the last row shown selected a problem the pane did not draw.
@Suite struct ProblemsScrollTests {
    typealias F = AppFixtures

    /// More problems than the pane has rows; every third has a hint (two rows).
    static let problems = (1...40).map { index in
        Diagnostic(.error, "problem number \(index)", hint: index % 3 == 0 ? "fix \(index)" : nil, node: "upper")
    }

    @Test(arguments: [(120, 40), (150, 36)])
    func selectingTheLastProblemDrawsIt(width: Int, height: Int) throws {
        var state = F.setup(try F.graph(F.invalid)).initialState(width: width, height: height, now: F.now)
        _ = AppReducer.reduce(&state, .editing(.report(.problems(Self.problems, revision: 0))))
        _ = AppReducer.reduce(&state, .command("layout wide"))
        state.focus = .problems
        for _ in 0..<45 { F.keys(&state, .char("j")) }
        #expect(state.editing.problemsSelection == 39)
        let screen = Screen().render(state).text
        #expect(screen.contains("problem number 40"))
        #expect(screen.contains("hint: fix 39"))
        #expect(!screen.contains("problem number 1 "))
        // Back to the top: the first problem is drawn again.
        for _ in 0..<45 { F.keys(&state, .char("k")) }
        #expect(Screen().render(state).text.contains("problem number 1 "))
    }

    @Test func theFirstProblemShownFitsTheSelectionAndItsHint() {
        let problems = Self.problems
        #expect(Screen.firstProblemShown(problems, selection: 0, height: 5) == 0)
        // 1, 2, 3+hint = 4 rows fit in 5.
        #expect(Screen.firstProblemShown(problems, selection: 2, height: 5) == 0)
        // 4, 5, 6+hint = 4 rows; 3+hint would make 6.
        #expect(Screen.firstProblemShown(problems, selection: 5, height: 5) == 3)
        #expect(Screen.firstProblemShown(problems, selection: 5, height: 1) == 5)
    }
}
