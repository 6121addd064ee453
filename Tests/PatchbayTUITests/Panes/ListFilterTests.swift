import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// `/` filters the trace and the problems list too (issue 16, item 8: every list filters):
/// only the rows holding the text are listed, moved over and acted on; Esc clears the filter.
@Suite struct ListFilterTests {
    typealias F = AppFixtures

    /// text-stats run once, in the debug layout with the trace focused.
    static func tracedState() async throws -> AppState {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("layout debug"))
        F.keys(&state, .char("2"))
        #expect(state.focus == .trace)
        F.apply(&state, try await F.textStatsRun())
        return state
    }

    static func filter(_ state: inout AppState, _ text: String) {
        F.keys(&state, .char("/"), .ctrl("u"))
        F.type(&state, text)
        F.keys(&state, .enter)
    }

    static func paths(_ state: AppState) -> [String] {
        (TraceFilter.matches(state.run) ?? Array(state.run.steps.indices)).map {
            state.run.steps[$0].path.description
        }
    }

    /// The trace pane's step rows (the debug layout draws it at the left, below the graph).
    static func traceRows(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        guard let title = lines.firstIndex(where: { $0.contains("] Trace (") }) else { return [] }
        return lines[(title + 2)...].prefix { !$0.hasPrefix("└") }.map {
            String($0.prefix { $0 != "┐" }.split(separator: "│").first ?? "").trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    @Test func slashFiltersTheTraceByKindStatusOrName() async throws {
        var state = try await Self.tracedState()
        F.keys(&state, .home)
        #expect(state.run.traceSelection == 0)
        F.keys(&state, .char("/"))
        guard case .input(_, .listFilter(.trace))? = state.popups.stack.last else {
            Issue.record("no filter line")
            return
        }
        F.type(&state, "TEMPLATE")
        F.keys(&state, .enter)
        // By kind: the two template nodes; the first is selected and the graph follows it.
        #expect(Self.paths(state) == ["report", "warning"])
        let report = try #require(state.run.steps.firstIndex { $0.path.description == "report" })
        let warning = try #require(state.run.steps.firstIndex { $0.path.description == "warning" })
        #expect(state.run.traceSelection == report)
        #expect(state.editing.selection == "report")
        #expect(state.message?.text.contains("2 of \(state.run.steps.count)") == true)
        // Moves go over the listed steps only.
        F.keys(&state, .char("j"))
        #expect(state.run.traceSelection == warning)
        F.keys(&state, .char("j"))
        #expect(state.run.traceSelection == warning)
        F.keys(&state, .home)
        #expect(state.run.traceSelection == report)

        // The pane lists only those rows, and its title says how many of how many.
        let screen = Screen().render(state).text
        #expect(screen.contains("Trace (2 of \(state.run.steps.count)) /TEMPLATE"))
        let rows = Self.traceRows(screen)
        #expect(rows.count == 2 && rows[0].contains("report") && rows[1].contains("warning"), "\(rows)")

        // By status: the selection moves to the one listed step; by name.
        Self.filter(&state, "skipped")
        #expect(Self.paths(state) == ["warning"])
        #expect(state.run.traceSelection == warning)
        Self.filter(&state, "short")
        #expect(Self.paths(state) == ["short_enough"])
        // A number: `#3` is step 3.
        Self.filter(&state, "#3")
        #expect(Self.paths(state) == [state.run.steps[3].path.description])

        // Nothing matches: the pane says so.
        Self.filter(&state, "zzz")
        #expect(TraceFilter.matches(state.run) == [])
        #expect(state.message?.level == .warning)
        #expect(Screen().render(state).text.contains("No step matches `zzz`"))

        // Esc clears the filter first (every step listed again), then the selection.
        Self.filter(&state, "template")
        F.keys(&state, .escape)
        #expect(state.run.traceFilter.isEmpty)
        #expect(Self.paths(state).count == state.run.steps.count)
        #expect(state.run.traceSelection == report)
        F.keys(&state, .escape)
        #expect(state.run.traceSelection == nil)
    }

    /// A step that finishes while a filter is set is listed when it matches; the matches are
    /// computed again for the longer trace.
    @Test func newStepsAreFilteredAsTheyCome() async throws {
        let events = try await F.textStatsRun()
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("layout debug"))
        F.keys(&state, .char("2"))
        Self.filter(&state, "template")
        #expect(TraceFilter.matches(state.run) == [])
        F.apply(&state, events)
        #expect(Self.paths(state) == ["report", "warning"])
    }

    /// A filter that matches nothing leaves no step in the inspector (it showed the step selected
    /// before, which the trace no longer lists); Esc brings the step back.
    @Test func aFilterMatchingNothingLeavesNoStepInTheInspector() async throws {
        var state = try await Self.tracedState()
        F.keys(&state, .home)
        let selected = try #require(state.run.traceSelection)
        #expect(state.run.shownStatuses != state.run.statuses, "as of the first step")
        #expect(Screen.inspectorContent(state).section("outputs") != nil)
        Self.filter(&state, "zzz")
        #expect(TraceFilter.matches(state.run) == [])
        let content = Screen.inspectorContent(state)
        #expect(content.header.title == "No step matches /zzz")
        #expect(content.section("outputs") == nil && content.section("config") == nil)
        let screen = Screen().render(state).text
        #expect(screen.contains("No step matches /zzz"))
        #expect(!screen.contains("Inspector: step"))
        #expect(state.run.shownStatuses == state.run.statuses, "the graph shows the latest, not as of a hidden step")
        F.keys(&state, .escape)
        #expect(state.run.traceFilter.isEmpty && state.run.traceSelection == selected)
        #expect(Screen.inspectorContent(state).section("outputs") != nil)
    }

    /// Fork and copy act on what the trace lists: while the filter hides the selected step they
    /// say no step is selected instead of acting on the hidden one; Esc brings it back.
    @Test func aStepTheFilterHidesIsNotForkedOrCopied() async throws {
        var state = try await Self.tracedState()
        F.keys(&state, .home)
        let selected = try #require(state.run.traceSelection)
        #expect(state.run.visibleTraceSelection == selected)
        Self.filter(&state, "zzz")
        #expect(state.run.traceSelection == selected && state.run.visibleTraceSelection == nil)
        let none = "No step selected: the trace filter /zzz lists none (Esc clears it)"
        #expect(F.keys(&state, .char("f")).isEmpty)
        #expect(state.message?.text == none)
        #expect(F.keys(&state, .char("y")).isEmpty)
        #expect(state.message?.text == none)
        F.keys(&state, .escape)
        #expect(state.run.visibleTraceSelection == selected)
        #expect(
            F.startRun(in: F.keys(&state, .char("f")))?.mode
                == .fork(try #require(state.run.history.last), state.run.steps[selected].path))
    }

    static let problems = [
        Diagnostic(.error, "no port `nope`", node: "upper"),
        Diagnostic(.warning, "reads badly", node: "text"),
        Diagnostic(.error, "no input wired", node: "out"),
    ]

    @Test func slashFiltersTheProblems() throws {
        var state = F.setup(try F.graph(F.invalid)).initialState(width: 120, height: 40, now: F.now)
        _ = AppReducer.reduce(&state, .editing(.report(.problems(Self.problems, revision: 0))))
        _ = AppReducer.reduce(&state, .command("layout wide"))
        state.focus = .problems
        F.keys(&state, .char("/"))
        guard case .input(_, .listFilter(.problems))? = state.popups.stack.last else {
            Issue.record("no filter line")
            return
        }
        F.type(&state, "error")
        F.keys(&state, .enter)
        #expect(state.editing.visibleProblems.map(\.node) == ["upper", "out"])
        F.keys(&state, .char("j"), .char("j"))
        #expect(state.editing.selectedProblem?.node == "out")
        let screen = Screen().render(state).text
        #expect(screen.contains("Problems (2 of 3) /error"))
        #expect(!screen.contains("`text` reads badly"))
        // y copies and Enter goes to the problem listed, not the one at that place unfiltered.
        #expect(AppReducer.copyable(state)?.text.contains("no input wired") == true)
        F.keys(&state, .enter)
        #expect(state.editing.selection == "out")

        state.focus = .problems
        Self.filter(&state, "upper")
        #expect(state.editing.visibleProblems.map(\.node) == ["upper"])
        #expect(state.editing.problemsSelection == 0)
        Self.filter(&state, "zzz")
        #expect(Screen().render(state).text.contains("No problem matches `zzz`"))
        F.keys(&state, .escape)
        #expect(state.editing.problemsFilter.isEmpty)
        #expect(state.editing.visibleProblems.count == 3)
    }
}
