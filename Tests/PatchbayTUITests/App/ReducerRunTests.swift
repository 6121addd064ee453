import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Running and debugging, and the engine's events turned into what the workbench shows.
@Suite struct ReducerRunTests {
    typealias F = AppFixtures

    static let plan = ["text", "stats", "short_enough", "report", "warning", "verdict", "summary", "counts"]

    static func pause(
        _ node: String, reason: Pause.Reason = .breakpoint, inputs: [String: JSONValue] = ["value": ["words": 9]]
    ) -> Pause {
        Pause(
            reason: reason, position: .before, path: F.path(node), inputs: inputs, step: nil,
            next: Array(plan.drop { $0 != node }))
    }

    /// text-stats paused before `short_enough`, after `text` and `stats` ran.
    static func pausedState() throws -> AppState {
        var state = try F.textStatsState()
        F.apply(
            &state,
            [
                .runStarted(runID: "r", plan: plan),
                .nodeFinished(F.step(0, "text", .input, outputs: ["value": F.shortText])),
                .nodeFinished(
                    F.step(
                        1, "stats", .jq, inputs: ["value": F.shortText],
                        outputs: ["value": ["words": 9, "sentences": 2, "characters": 59]])),
                .paused(pause("short_enough")),
            ])
        return state
    }

    // MARK: Starting runs

    @Test func runAsksForInputsFirstAndEnterSubmits() throws {
        var state = try F.textStatsState()
        #expect(F.keys(&state, .char("r")).isEmpty)
        guard case .form(let form, .runInputs(.run))? = state.popups.stack.last else {
            Issue.record("no inputs form")
            return
        }
        #expect(form.fields.map(\.name) == ["text"])
        F.type(&state, "one two three.")
        let effects = F.keys(&state, .enter)
        guard let run = F.startRun(in: effects), case .run = run.mode else {
            Issue.record("no run: \(F.names(effects))")
            return
        }
        #expect(run.inputs == ["text": "one two three."])
        #expect(run.graph == state.graph)
        #expect(state.popups.stack.isEmpty)
        #expect(state.run.lastInputs == ["text": "one two three."])

        // The next form is prefilled from the last run.
        F.keys(&state, .char("g"))
        #expect(F.form(state)?.values["text"] == "one two three.")
    }

    @Test func runWithoutInputsStartsAtOnce() throws {
        var state = F.state(try F.graph(F.constant))
        guard let run = F.startRun(in: F.keys(&state, .char("r"))), case .run = run.mode else {
            Issue.record("no run")
            return
        }
        #expect(run.inputs.isEmpty)
    }

    @Test func runRefusedWithErrors() throws {
        var store = TestStore(try F.textStatsState())
        store.setUp {
            _ = AppReducer.reduce(
                &$0, .editing(.report(.problems([Diagnostic(.error, "broken", node: "stats")], revision: 0))))
        }
        store.press(.char("r"), says: .error)
    }

    @Test func runWhileRunningIsBusy() throws {
        var store = TestStore(F.state(try F.graph(F.constant)))
        store.setUp { F.apply(&$0, [.runStarted(runID: "r", plan: ["fixed", "out"])]) }
        store.send(.run(.rerunFrom), says: .warning)
    }

    @Test func escapeCancelsTheInputsForm() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("r"))
        #expect(F.keys(&state, .escape).isEmpty)
        #expect(state.popups.stack.isEmpty)
    }

    @Test func stepStartsASteppedRunAndStepsWhenPaused() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("n"))
        guard case .form(_, .runInputs(.step))? = state.popups.stack.last else {
            Issue.record("no form for a stepped run")
            return
        }
        F.type(&state, "x")
        guard let run = F.startRun(in: F.keys(&state, .enter)), case .step = run.mode else {
            Issue.record("no stepped run")
            return
        }

        var paused = try Self.pausedState()
        guard case .step? = F.debugCommand(in: F.keys(&paused, .function(10))) else {
            Issue.record("F10 did not step")
            return
        }
        #expect(paused.run.pause == nil)
    }

    @Test func continueRunToAndBreakpoints() throws {
        var paused = try Self.pausedState()
        guard case .continue? = F.debugCommand(in: F.keys(&paused, .char("c"))) else {
            Issue.record("c did not continue")
            return
        }

        paused = try Self.pausedState()
        guard case .continue? = F.debugCommand(in: F.keys(&paused, .function(5))) else {
            Issue.record("F5 did not continue")
            return
        }

        paused = try Self.pausedState()
        _ = AppReducer.reduce(&paused, .command("goto verdict"))
        guard case .runTo(let node)? = F.debugCommand(in: F.keys(&paused, .char("t"))) else {
            Issue.record("t did not run to")
            return
        }
        #expect(node == "verdict")

        // Idle: run-to starts a run that stops there (after the inputs form).
        var idle = try F.textStatsState()
        _ = AppReducer.reduce(&idle, .command("goto report"))
        F.keys(&idle, .char("t"))
        guard let run = F.startRun(in: F.keys(&idle, .char("x"), .enter)), case .runTo(let target) = run.mode else {
            Issue.record("no run to")
            return
        }
        #expect(target == "report")

        // Idle continue runs.
        idle = try F.textStatsState()
        F.keys(&idle, .char("c"))
        guard case .form(_, .runInputs(.run))? = idle.popups.stack.last else {
            Issue.record("c when idle did not ask to run")
            return
        }
    }

    @Test func breakpointTogglesAndGoesWithTheRun() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("goto stats"))
        guard case .setBreakpoint("stats", true)? = F.keys(&state, .char("b")).first else {
            Issue.record("b did not set")
            return
        }
        #expect(state.run.breakpoints == ["stats"])
        F.keys(&state, .char("r"), .char("x"))
        #expect(F.startRun(in: F.keys(&state, .enter))?.breakpoints == ["stats"])
        guard case .setBreakpoint("stats", false)? = F.keys(&state, .function(9)).first else {
            Issue.record("F9 did not clear")
            return
        }
        #expect(state.run.breakpoints.isEmpty)
    }

    @Test func rerunNodeNeedsAStep() throws {
        var store = TestStore(try F.textStatsState())
        store.setUp { _ = AppReducer.reduce(&$0, .command("goto stats")) }
        store.send(.run(.rerunNode), says: .warning)

        var paused = TestStore(try Self.pausedState())
        paused.setUp { _ = AppReducer.reduce(&$0, .command("goto stats")) }
        paused.send(.run(.rerunNode), says: .warning)  // a run is active

        var done = try Self.pausedState()
        F.apply(
            &done,
            [.runFinished(RunResult(runID: "r", status: .succeeded, outputs: [:], steps: done.run.steps, error: nil))])
        _ = AppReducer.reduce(&done, .command("goto stats"))
        let effects = F.keys(&done, .char("R"))
        guard case .rerunStep(let step, let graph)? = effects.first else {
            Issue.record("no rerun: \(F.names(effects))")
            return
        }
        #expect(step.path.description == "stats")
        #expect(graph == done.graph)
        #expect(done.run.statuses["stats"] == .running)

        // The runtime reports the re-run step: it joins the trace and is selected.
        var again = step
        again.id = 2
        _ = AppReducer.reduce(&done, .run(.report(.stepRerun(again))))
        #expect(done.run.steps.count == 3)
        #expect(done.run.traceSelection == 2)
        #expect(done.run.statuses["stats"] == .done)
    }

    @Test func rerunFromStartsWithoutAForm() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("goto report"))
        guard let run = F.startRun(in: F.keys(&state, .char("F"))), case .rerunFrom(let node) = run.mode else {
            Issue.record("no rerun-from")
            return
        }
        #expect(node == "report")
        #expect(state.popups.stack.isEmpty)
    }

    @Test func cancelSaysNothingRunsWhenIdle() throws {
        var store = TestStore(try F.textStatsState())
        store.press(.ctrl("c"), says: .info)  // and does not quit

        var paused = TestStore(try Self.pausedState())
        paused.press(.ctrl("c"), effects: [.debug(.cancel)], says: .info)
    }

    @Test func editPausedInputs() throws {
        var store = TestStore(try F.textStatsState())
        store.press(.char("I"), says: .warning)

        var paused = try Self.pausedState()
        F.keys(&paused, .char("I"))
        guard case .form(let form, .pausedInputs)? = paused.popups.stack.last else {
            Issue.record("no paused inputs form")
            return
        }
        #expect(form.fields.map(\.name) == ["value"])
        #expect(form.values["value"] == #"{"words":9}"#)
        // Replace the value and submit.
        for _ in 0..<form.values["value"]!.count { F.keys(&paused, .backspace) }
        F.type(&paused, #"{"words":99}"#)
        let effects = F.keys(&paused, .enter)
        guard case .editInputs(let values)? = F.debugCommand(in: effects) else {
            Issue.record("no edit: \(F.names(effects))")
            return
        }
        #expect(values == ["value": ["words": 99]])
    }

    /// Issue 16, item 4: inputs changed with `I` show at once, before the node runs: in the
    /// inspector's paused inputs and in the form a second `I` opens.
    @Test func editedPausedInputsShowAtOnce() throws {
        var paused = try Self.pausedState()
        F.keys(&paused, .char("I"))
        for _ in 0..<#"{"words":9}"#.count { F.keys(&paused, .backspace) }
        F.type(&paused, #"{"words":99}"#)
        F.keys(&paused, .enter)
        #expect(paused.run.pause?.inputs == ["value": ["words": 99]])

        let shown = Screen.inspectorContent(paused).sections.first { $0.id == "inputs" }
        #expect(shown?.title == "Inputs (paused)")
        #expect(shown?.blocks == [.values(["value": ["words": 99]])])

        F.keys(&paused, .char("I"))
        guard case .form(let again, .pausedInputs)? = paused.popups.stack.last else {
            Issue.record("no paused inputs form the second time")
            return
        }
        #expect(again.values["value"] == #"{"words":99}"#)
    }

    @Test func inputsFormRunsOnSubmit() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("g"))
        guard case .form(_, .runInputs(.run))? = state.popups.stack.last else {
            Issue.record("no form")
            return
        }
        F.type(&state, "a b")
        #expect(F.startRun(in: F.keys(&state, .enter))?.inputs == ["text": "a b"])
    }

    // MARK: Trace

    @Test func traceSelectionForkAndReplay() async throws {
        var state = try F.textStatsState()
        #expect(F.keys(&state, .char("p")).isEmpty)  // `p` in the graph pane is nothing
        _ = AppReducer.reduce(&state, .command("layout debug"))
        F.keys(&state, .char("2"))
        #expect(state.focus == .trace)
        var store = TestStore(state)
        store.press(.char("f"), says: .warning)  // no step selected
        store.press(.char("p"), says: .warning)  // no finished run
        state = store.state

        F.apply(&state, try await F.textStatsRun())
        let count = state.run.steps.count
        #expect(count >= 6)
        F.keys(&state, .char("k"))
        #expect(state.run.traceSelection == count - 2)
        F.keys(&state, .home)
        #expect(state.run.traceSelection == 0)
        F.keys(&state, .char("j"))
        #expect(state.run.traceSelection == 1)
        F.keys(&state, .char("G"))
        #expect(state.run.traceSelection == count - 1)
        F.keys(&state, .char("k"), .char("k"))
        let selected = state.run.steps[count - 3].path

        guard let fork = F.startRun(in: F.keys(&state, .char("f"))), case .fork(let run, let at) = fork.mode else {
            Issue.record("no fork")
            return
        }
        #expect(at == selected)
        #expect(run.runID == "run-1")
        guard let replay = F.startRun(in: F.keys(&state, .char("p"))), case .replay = replay.mode else {
            Issue.record("no replay")
            return
        }
        // Esc stops following the trace.
        F.keys(&state, .escape)
        #expect(state.run.traceSelection == nil)
    }

    // MARK: Engine events

    @Test func runStartedMakesEveryPlannedNodeIdle() throws {
        var store = TestStore(try F.textStatsState())
        store.setUp { $0.run.statuses["stats"] = .failed }
        store.send(.run(.report(.event(.runStarted(runID: "r", plan: Self.plan))))) {
            $0.run.active = true
            $0.run.plan = Self.plan
            $0.run.startedAt = F.now
            $0.run.statuses = Dictionary(uniqueKeysWithValues: Self.plan.map { ($0, .idle) })
            $0.runHistory.shown = nil
            $0.runHistory.sessionGraph = $0.graph
        }
    }

    @Test func nodeEventsSetStatuses() throws {
        var state = try F.textStatsState()
        F.apply(&state, [.runStarted(runID: "r", plan: Self.plan), .nodeStarted(path: F.path("stats"), inputs: [:])])
        #expect(state.run.statuses["stats"] == .running)
        #expect(state.run.running[F.path("stats")] == F.now)
        F.apply(&state, [.nodeFinished(F.step(0, "stats", .jq, outputs: ["value": 1]))])
        #expect(state.run.statuses["stats"] == .done)
        #expect(state.run.running.isEmpty)
        F.apply(&state, [.nodeFinished(F.step(1, "report", .template, .cached))])
        #expect(state.run.statuses["report"] == .cached)
        F.apply(&state, [.nodeSkipped(F.step(2, "warning", .template, .skipped, skipReason: "not emitted"))])
        #expect(state.run.statuses["warning"] == .skipped)
        F.apply(&state, [.nodeFailed(F.step(3, "verdict", .merge, .failed, error: StepError(message: "boom")))])
        #expect(state.run.statuses["verdict"] == .failed)
        #expect(state.run.steps.map(\.path.description) == ["stats", "report", "warning", "verdict"])
        #expect(state.run.lastStep(of: "report")?.status == .cached)
    }

    @Test func nestedStepsMarkTheirTopNodeRunning() throws {
        var state = try F.textStatsState()
        F.apply(
            &state,
            [
                .runStarted(runID: "r", plan: ["refine"]),
                .nodeStarted(path: StepPath([.init(node: "refine", index: 0), .init(node: "draft")]), inputs: [:]),
            ])
        #expect(state.run.statuses["refine/draft"] == .running)
        #expect(state.run.statuses["refine"] == .running)
    }

    @Test func tokenDeltasStream() throws {
        var state = try F.textStatsState()
        F.apply(
            &state,
            [
                .runStarted(runID: "r", plan: ["report"]), .nodeStarted(path: F.path("report"), inputs: [:]),
                .tokenDelta(path: F.path("report"), text: "Hel"), .tokenDelta(path: F.path("report"), text: "lo"),
            ])
        #expect(state.run.streaming[F.path("report")] == "Hello")
        F.apply(&state, [.nodeFinished(F.step(0, "report", .template, outputs: ["text": "Hello"]))])
        #expect(state.run.streaming.isEmpty)
    }

    @Test func pausedShowsWhereAndWhy() throws {
        let state = try Self.pausedState()
        #expect(state.run.pause?.path.description == "short_enough")
        #expect(state.run.statuses["short_enough"] == .paused)
        #expect(state.editing.selection == "short_enough")
        #expect(state.message?.text == "Paused before `short_enough` (breakpoint); n step, c continue, I edit inputs")
        var resumed = state
        F.apply(&resumed, [.resumed])
        #expect(resumed.run.pause == nil)
    }

    @Test func spinnerMovesOnlyWhileRunning() throws {
        var store = TestStore(try F.textStatsState())
        store.send(.tick(F.now.addingTimeInterval(0.1))) { $0.now = F.now.addingTimeInterval(0.1) }
        store.setUp { F.apply(&$0, [.runStarted(runID: "r", plan: Self.plan)]) }
        store.send(.tick(F.now.addingTimeInterval(0.2))) {
            $0.now = F.now.addingTimeInterval(0.2)
            $0.spinnerFrame = 1
        }
        store.send(.tick(F.now.addingTimeInterval(0.3))) {
            $0.now = F.now.addingTimeInterval(0.3)
            $0.spinnerFrame = 2
        }
        store.setUp { F.apply(&$0, [.paused(Self.pause("stats"))]) }
        store.send(.tick(F.now.addingTimeInterval(0.4))) { $0.now = F.now.addingTimeInterval(0.4) }
    }

    @Test func runFinishedSummarizes() async throws {
        var state = try F.textStatsState()
        let events = try await F.textStatsRun()
        guard case .runFinished(let result)? = events.last else {
            Issue.record("no runFinished")
            return
        }
        F.apply(&state, Array(events.dropLast()))
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(1.5)))
        F.apply(&state, [events.last!])
        #expect(!state.run.active)
        #expect(state.run.result?.status == .succeeded)
        #expect(state.run.history.count == 1)
        let ran = result.steps.filter { $0.status == .succeeded }.count
        #expect(state.message?.text == "Run finished: \(ran) ran, 0 cached, 1.5 s")
        #expect(state.run.statuses["stats"] == .done)
        #expect(state.run.statuses["warning"] == .skipped)
        #expect(state.run.statuses.values.allSatisfy { $0 != .running && $0 != .paused })
    }

    @Test func runFinishedFailedAndCancelled() throws {
        var state = try F.textStatsState()
        let failed = F.step(0, "stats", .jq, .failed, error: StepError(message: "cannot index string"))
        F.apply(
            &state,
            [
                .runStarted(runID: "r", plan: Self.plan), .nodeFailed(failed),
                .runFinished(
                    RunResult(
                        runID: "r", status: .failed, outputs: [:], steps: [failed],
                        error: StepError(message: "cannot index string"))),
            ])
        #expect(state.message?.level == .error)
        #expect(state.message?.text == "Run failed: cannot index string (0 ran, 0 cached, 0.0 s)")

        F.apply(
            &state,
            [
                .runStarted(runID: "r2", plan: Self.plan), .nodeStarted(path: F.path("text"), inputs: [:]),
                .runFinished(RunResult(runID: "r2", status: .cancelled, outputs: [:], steps: [], error: nil)),
            ])
        #expect(state.message?.level == .warning)
        #expect(state.message?.text == "Run cancelled: 0 ran, 0 cached, 0.0 s")
        #expect(state.run.statuses["text"] == .idle, "a node running when the run ends goes back to idle")
    }

    @Test func runRefusedIsAnError() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .run(.report(.refused("missing input `text`"))))
        #expect(state.message?.text == "missing input `text`")
        #expect(state.message?.level == .error)
    }

    @Test func realEventsInOrderEndWithEveryStepInTheTrace() async throws {
        var state = try F.textStatsState()
        let events = try await F.textStatsRun()
        F.apply(&state, events)
        guard let result = state.run.result else {
            Issue.record("no result")
            return
        }
        #expect(state.run.steps.count == result.steps.count)
        #expect(result.outputs["summary"] == "10 words, 2 sentences, 59 characters.")
    }
}
