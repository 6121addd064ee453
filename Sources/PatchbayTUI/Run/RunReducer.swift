import Foundation
import PatchbayCore
import PatchbayPresentation

/// The run/debugger feature: starting, stepping and stopping runs, and what the engine reports.
enum RunReducer {
    static func reduce(_ state: inout AppState, _ action: RunAction) -> [Effect] {
        let paused = state.run.pause != nil
        switch action {
        case .start:
            if paused { return resume(&state, .continue) }
            return startRun(&state, .run)
        case .step:
            if paused { return resume(&state, .step) }
            return startRun(&state, .step)
        case .continueRun:
            guard paused else { return startRun(&state, .run) }
            return resume(&state, .continue)
        case .runToNode:
            // Inside a sub-graph: to the node's path, its first item or pass.
            guard let node = state.editing.selection.map({ state.editing.scopePrefix + $0 }) else { return [] }
            if paused { return resume(&state, .runTo(node)) }
            return startRun(&state, .runTo(node))
        case .toggleBreakpoint:
            // Inside a sub-graph the breakpoint is on the node's path (`each/shout`): every item or pass.
            guard let node = state.editing.selection.map({ state.editing.scopePrefix + $0 }) else { return [] }
            let on = !state.run.breakpoints.contains(node)
            if on { state.run.breakpoints.insert(node) } else { state.run.breakpoints.remove(node) }
            state.info(on ? "Breakpoint before `\(node)`" : "Breakpoint removed from `\(node)`")
            return [.setBreakpoint(node, on: on)]
        case .rerunNode:
            if let inside = rerunInside(&state) { return inside }
            guard let node = state.editing.selection, let step = state.run.lastStep(of: node) else {
                state.warn("`\(state.editing.selection ?? "")` has not run yet: run the graph first")
                return []
            }
            guard !state.run.active else { return busy(&state) }
            state.info("Re-running `\(node)` with its recorded inputs")
            state.run.statuses[node] = .running
            return [.rerunStep(step, graph: state.graph)]
        case .rerunFrom:
            if let inside = rerunInside(&state) { return inside }
            guard let node = state.editing.selection else { return [] }
            return startRun(&state, .rerunFrom(node))
        case .cancel:
            guard state.run.active else {
                state.info("Nothing is running (q quits)")
                return []
            }
            state.info("Cancelling the run…")
            return [.debug(.cancel)]
        case .editPausedInputs:
            guard let pause = state.run.pause, pause.position == .before else {
                state.warn("The run is not paused before a node")
                return []
            }
            state.popups.stack.append(
                .form(FormModel.values(pause.inputs, title: "Inputs of `\(pause.path)`"), purpose: .pausedInputs))
        case .inputsForm:
            state.popups.stack.append(.form(inputsForm(state), purpose: .runInputs(.run)))
        case .fork:
            guard let index = state.run.visibleTraceSelection, let last = state.run.history.last else {
                state.warn(state.run.noStepSelected(to: "fork from"))
                return []
            }
            return fork(&state, last, at: state.run.steps[index].path, note: "")
        case .replay:
            guard let last = state.run.history.last else {
                state.warn("No finished run to replay")
                return []
            }
            return startRun(&state, .replay(last))
        case .showItem(let move): showItem(&state, move)
        case .chooseItem: chooseItem(&state)
        case .editCallArguments: return editCallArguments(&state)
        case .supplyResult: return askForResult(&state)
        case .report(let report): return self.report(&state, report)
        }
        return []
    }

    /// R and F inside an entered sub-graph: a re-run from the node's path (`each/shout`): it and
    /// what depends on it execute again in every item or pass, the steps before it come from the
    /// cache, then what depends on the enclosing top-level node. The engine re-runs top-level
    /// steps alone only, so R does what F does there, and the status line says so. Nil outside.
    static func rerunInside(_ state: inout AppState) -> [Effect]? {
        guard state.editing.scope.first != nil else { return nil }
        guard let node = state.editing.selection.map({ state.editing.scopePrefix + $0 }) else { return [] }
        guard !state.run.active else { return busy(&state) }
        let effects = startRun(&state, .rerunFrom(node))
        if effects.contains(where: { if case .startRun = $0 { true } else { false } }) {
            state.info(RerunText.rerunning(from: node, in: state.graph))
        }
        return effects
    }

    /// `f` from a trace step: a step inside a map, loop or graph node (`each[1]/shout`, not a
    /// tool loop's turn or call, whose components end in an index) forks from its node path
    /// (`each/shout`, in every item or pass, as R and F inside do); any other from its top-level
    /// node. `note` ends the status line of a nested fork (a stored run's: graph changed).
    static func fork(_ state: inout AppState, _ run: RunResult, at step: StepPath, note: String) -> [Effect] {
        let kind = step.components.first.flatMap { state.graph[$0.node]?.kind }
        guard step.components.count > 1, [.map, .loop, .graph].contains(kind), step.components.last?.index == nil
        else { return startRun(&state, .fork(run, step)) }
        let effects = startRun(&state, .forkFrom(run, step.nodePath))
        if effects.contains(where: { if case .startRun = $0 { true } else { false } }) {
            state.info(RerunText.rerunning(from: step.nodePath, in: state.graph) + note)
        }
        return effects
    }

    static func busy(_ state: inout AppState) -> [Effect] {
        state.warn("A run is in progress: continue (c), or cancel it (C-c)")
        return []
    }

    static func resume(_ state: inout AppState, _ command: DebugCommand) -> [Effect] {
        state.run.pause = nil
        return [.debug(command)]
    }

    /// Starts a run, asking for the graph inputs first when some have no value yet.
    static func startRun(_ state: inout AppState, _ mode: RunMode) -> [Effect] {
        guard !state.run.active else { return busy(&state) }
        let committed = PromptEditorReducer.commitPrompt(&state)
        if !committed.isEmpty {
            // The prompt just changed: its problems are not known yet. The run starts with the
            // edit; the engine refuses it with the same messages if it is invalid.
            return committed + launchOrAsk(&state, mode)
        }
        if let first = state.editing.problems.first(where: { $0.severity == .error }) {
            let more =
                state.editing.problems.count > 1
                ? " (+\(state.editing.problems.count - 1) more: `:layout wide` lists them)" : ""
            state.fail("Fix the graph first: " + (first.node.map { "`\($0)`: " } ?? "") + first.message + more)
            return []
        }
        return launchOrAsk(&state, mode)
    }

    static func launchOrAsk(_ state: inout AppState, _ mode: RunMode) -> [Effect] {
        switch mode {
        case .fork, .forkFrom, .replay, .rerunFrom: break
        default:
            // The form shows every time, prefilled from the last run: Enter runs.
            if state.graph.nodes.contains(where: { $0.kind == .input }) {
                state.popups.stack.append(.form(inputsForm(state), purpose: .runInputs(mode)))
                return []
            }
        }
        return launch(&state, mode, inputs: state.run.lastInputs)
    }

    static func launch(_ state: inout AppState, _ mode: RunMode, inputs: [String: JSONValue]) -> [Effect] {
        state.run.lastInputs = inputs
        return [.startRun(state.graph, inputs: inputs, mode: mode, breakpoints: state.run.breakpoints)]
    }

    static func inputsForm(_ state: AppState) -> FormModel {
        let inputs = state.graph.nodes.filter { $0.kind == .input }
        var values: [String: JSONValue] = [:]
        for node in inputs {
            values[node.id] = state.run.lastInputs[node.id] ?? node["default"]
        }
        return FormModel.inputs(inputs, values: values)
    }

    // MARK: Engine events

    static func runEvent(_ state: inout AppState, _ event: RunEvent) {
        switch event {
        case .runStarted(_, let plan):
            state.run.active = true
            state.run.startedAt = state.now
            state.run.plan = plan
            state.run.steps = []
            state.run.running = [:]
            state.run.streaming = [:]
            state.run.pause = nil
            state.run.result = nil
            state.run.statuses = [:]
            state.run.traceSelection = nil
            for node in plan { state.run.statuses[node] = .idle }
        case .nodeStarted(let path, let inputs):
            state.run.running[path] = state.now
            state.run.startedInputs[path.nodePath] = inputs
            state.run.statuses[path.nodePath] = .running
            if path.components.count > 1, let top = path.components.first?.node { state.run.statuses[top] = .running }
        case .tokenDelta(let path, let text):
            state.run.streaming[path, default: ""] += text
        case .nodeFinished(let step), .nodeSkipped(let step), .nodeFailed(let step):
            state.run.running[step.path] = nil
            state.run.streaming[step.path] = nil
            state.run.steps.append(step)
            state.run.statuses[step.path.nodePath] = NodeStatus(step.status)
            if state.run.traceSelection == nil { state.run.traceScroll = max(0, state.run.steps.count - 1) }
        case .paused(let pause):
            state.run.pause = pause
            state.run.statuses[pause.path.nodePath] = .paused
            // What runs next (the plan the debugger shows before stepping) is "ready".
            let prefix = pause.path.components.dropLast().map { $0.node + "/" }.joined()
            for node in pause.next.dropFirst() where (state.run.statuses[prefix + node] ?? .idle) == .idle {
                state.run.statuses[prefix + node] = .ready
            }
            if pause.path.components.count == 1 { state.editing.selection = pause.path.node }
            if case .call(let owner, _, _, let tool)? = ToolLoopPath(pause.path), pause.position == .before {
                // The node's conversation shows the call waiting; the graph shows the node paused.
                state.run.statuses[owner.nodePath] = .paused
                if owner.components.count == 1 && state.editing.selection != owner.node {
                    state.editing.selection = owner.node
                    if state.promptEditor.current?.editing != true {
                        state.promptEditor.current = PromptEditorReducer.promptState(for: state)
                    }
                }
                state.info(
                    "Paused before `\(owner)` calls `\(tool)`: e edits the arguments, S supplies a result"
                )
                return
            }
            state.info(
                "Paused \(pause.position.rawValue) `\(pause.path)` (\(pause.reason.rawValue)); n step, c continue, I edit inputs"
            )
        case .resumed:
            state.run.pause = nil
        case .runFinished(let result):
            state.run.active = false
            state.run.pause = nil
            state.run.running = [:]
            state.run.result = result
            state.run.history.append(result)
            for (node, status) in state.run.statuses where status == .running || status == .paused || status == .ready {
                state.run.statuses[node] = .idle
            }
            let seconds = state.run.startedAt.map { state.now.timeIntervalSince($0) } ?? 0
            let executed = result.steps.filter { $0.status == .succeeded }.count
            let cached = result.steps.filter { $0.status == .cached || $0.status == .replayed }.count
            // After a re-run: how many nodes' outputs changed, which the graph marks.
            let changed = state.run.outputChanges().count
            // Against a stored run (the session's first run), which one: `patchbay show #12`.
            let since = state.run.comparedWithStored.map { " since run #\($0.seq)" } ?? ""
            let summary =
                "\(executed) ran, \(cached) cached, \(String(format: "%.1f", seconds)) s"
                + (changed == 0
                    ? "" : "; \(changed) output\(changed == 1 ? "" : "s") changed\(since) (\(state.glyphs.changed))")
            switch result.status {
            case .succeeded: state.info("Run finished: \(summary)")
            case .cancelled: state.warn("Run cancelled: \(summary)")
            case .failed: state.fail("Run failed: \(result.error.map { "\($0)" } ?? "a node failed") (\(summary))")
            }
        }
    }

    /// What the engine and the runtime report about runs.
    static func report(_ state: inout AppState, _ report: RunReport) -> [Effect] {
        switch report {
        case .event(let event):
            runEvent(&state, event)
        case .refused(let message, let detail):
            state.fail(message, detail: detail)
        case .stepRerun(let step):
            state.run.steps.append(step)
            state.run.statuses[step.path.nodePath] = NodeStatus(step.status)
            state.run.traceSelection = state.run.steps.count - 1
            state.info("Re-ran `\(step.path)`: \(step.status.rawValue) in \(Int(step.duration * 1000)) ms")
        case .humanQuestion(let id, let question):
            state.popups.stack.append(.input(CommandLineModel(), purpose: .humanAnswer(id: id, question: question)))
            state.info("`\(question.path)` needs an answer (Enter answers, Esc declines)")
        case .argumentsEdited(let path, let text):
            return argumentsEdited(&state, path: path, text: text)
        case .localModelStarting(let starting):
            state.run.localModelStarting = starting
        case .storedPrevious(let stored):
            state.run.storedPrevious = stored
        }
        return []
    }
}
