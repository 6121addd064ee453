import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The app-wide actions: quitting, backing out, overlays, saving, undo, commands, mouse and the keymap.
@Suite struct ReducerAppTests {
    typealias F = AppFixtures

    // MARK: Every action

    @Test func everyActionHasAKeyOrAPaletteEntry() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .perform(.palette))
        guard case .palette(let palette)? = state.popups.stack.last else {
            Issue.record("no palette")
            return
        }
        let listed = Set(palette.items.map(\.id))
        for id in ActionID.allCases {
            let bound = Keymap.defaults.bindings.contains { $0.action == id && !$0.keys.isEmpty }
            #expect(bound || listed.contains(id.rawValue), "\(id.rawValue) has no key and is not in the palette")
            #expect(listed.contains(id.rawValue), "\(id.rawValue) is missing from the palette")
            #expect(!id.summary.isEmpty)
        }
    }

    @Test func noActionButQuitEndsTheApp() throws {
        for id in ActionID.allCases where id != .quit {
            var state = try F.textStatsState()
            let effects = AppReducer.reduce(&state, .perform(id))
            #expect(!F.names(effects).contains("quit"), "\(id.rawValue) quit the app")
            #expect(!state.quit, "\(id.rawValue) set quit")
        }
    }

    @Test func everyActionCanBeRunAsACommand() throws {
        var state = try F.textStatsState()
        let effects = AppReducer.reduce(&state, .command(ActionID.help.rawValue))
        #expect(effects.isEmpty)
        #expect(F.top(state) == "help")
    }

    // MARK: Quit and back

    /// A message with line breaks (an error and its hint) shows on the status line's one row
    /// joined, never as an escaped `\n` (issue 16, item 8).
    @Test func statusMessagesNeverShowEscapedLineBreaks() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .message("Could not save x.graph.yaml:\n  permission denied\n", .error))
        #expect(state.message?.text == "Could not save x.graph.yaml: permission denied")
        state.warn("first\r\nsecond")
        #expect(state.message?.text == "first · second")
        let bottom = Screen().render(state).line(state.height - 1)
        #expect(bottom.contains("first · second"))
        #expect(!bottom.contains("\\n") && !bottom.contains("\\r"))
        state.info("one line")
        #expect(state.message?.text == "one line")
    }

    /// Opening a graph file that does not exist says the first save creates it (issue 16, item 8).
    @Test func aNewFileSaysItWillBeCreated() throws {
        var setup = F.setup(Graph(), path: "/tmp/p/brand-new.graph.yaml")
        setup.createsFile = true
        let state = setup.initialState(width: 120, height: 40, now: F.now)
        #expect(state.message?.level == .info)
        #expect(state.message?.text.contains("`brand-new.graph.yaml` does not exist yet") == true)
        #expect(state.message?.text.contains("created when you save") == true)
        // A notice (a bad layout, a key override) still goes first.
        setup.notices = ["no layout `x`; using default"]
        #expect(setup.initialState(width: 120, height: 40, now: F.now).message?.level == .warning)
    }

    @Test func quitWithNothingOpenQuits() throws {
        var state = try F.textStatsState()
        let effects = F.keys(&state, .char("q"))
        #expect(F.names(effects) == ["quit"])
        #expect(state.quit)
    }

    @Test func quitWithUnsavedChangesAsks() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"))
        #expect(state.editing.document.isModified)
        #expect(F.keys(&state, .char("q")).isEmpty)
        guard case .confirm(let confirm, .quitUnsaved)? = state.popups.stack.last else {
            Issue.record("no quit confirm")
            return
        }
        #expect(confirm.options.map(\.id) == ["yes", "no", "save"])
        #expect(!state.quit)

        // n keeps the app open.
        #expect(F.keys(&state, .char("n")).isEmpty)
        #expect(state.popups.stack.isEmpty && !state.quit)

        // y quits without saving.
        F.keys(&state, .char("q"))
        #expect(F.names(F.keys(&state, .char("y"))) == ["quit"])
        #expect(state.quit)
    }

    @Test func saveAndQuitFromTheConfirm() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"), .char("q"))
        let effects = F.keys(&state, .char("s"))
        #expect(F.names(effects) == ["save"])
        #expect(state.quitAfterSave && !state.quit)
        let saved = AppReducer.reduce(
            &state,
            .editing(.report(.saved(path: "/tmp/text-stats.graph.yaml", graph: state.graph, fingerprint: nil))))
        #expect(F.names(saved) == ["quit"])
        #expect(state.quit)
    }

    @Test func quitClosesTheTopPopupFirst() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("?"))
        #expect(F.top(state) == "help")
        #expect(F.keys(&state, .char("q")).isEmpty)
        #expect(state.popups.stack.isEmpty)
        #expect(!state.quit)
    }

    @Test func backNeverQuits() throws {
        var state = try F.textStatsState()
        for _ in 0..<3 { #expect(F.keys(&state, .escape).isEmpty) }
        #expect(!state.quit)
        // It closes a popup, then unzooms, then clears marks.
        F.keys(&state, .char("+"), .char(" "), .char(":"))
        #expect(state.zoomed == .graph && state.editing.marked == ["text"] && F.top(state) == "command")
        F.keys(&state, .escape)
        #expect(state.popups.stack.isEmpty && state.zoomed == .graph)
        F.keys(&state, .escape)
        #expect(state.zoomed == nil && state.editing.marked == ["text"])
        F.keys(&state, .escape)
        #expect(state.editing.marked.isEmpty)
        #expect(!state.quit)
    }

    // MARK: Overlays

    @Test func helpPaletteAndCommandLineOpenOverlays() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("?"))
        #expect(F.top(state) == "help")
        F.keys(&state, .char("?"))
        #expect(state.popups.stack.isEmpty, "? toggles help")
        F.keys(&state, .char("?"), .escape)
        #expect(state.popups.stack.isEmpty)
        F.keys(&state, .ctrl("p"))
        #expect(F.top(state) == "palette")
        F.keys(&state, .escape, .char(":"))
        #expect(F.top(state) == "command")
        F.keys(&state, .escape)
        #expect(state.popups.stack.isEmpty)
    }

    @Test func helpListsTheFocusedPaneFirst() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("?"))
        guard case .help(let help)? = state.popups.stack.last else {
            Issue.record("no help")
            return
        }
        #expect(help.sections.first?.title == PaneID.graph.title)
        #expect(help.sections.contains { $0.title == "Everywhere" })
    }

    @Test func paletteRunsTheChosenAction() throws {
        var state = try F.textStatsState()
        F.keys(&state, .ctrl("p"))
        F.type(&state, "next layout")
        #expect(F.keys(&state, .enter).isEmpty)
        #expect(state.popups.stack.isEmpty)
        #expect(state.layoutName == "eval")
    }

    @Test func ctrlCWithAPopupOpenCancelsTheRunAndKeepsThePopup() throws {
        var state = try F.textStatsState()
        F.apply(&state, [.runStarted(runID: "r", plan: ["text", "stats"])])
        F.keys(&state, .char("?"))
        let effects = F.keys(&state, .ctrl("c"))
        #expect(F.top(state) == "help")
        guard case .cancel? = F.debugCommand(in: effects) else {
            Issue.record("no cancel: \(F.names(effects))")
            return
        }
        #expect(!state.quit)
    }

    // MARK: Save and undo

    @Test func saveAsksForTheFileWithItsFingerprint() throws {
        let document = try F.textStats()
        var state = F.setup(document.graph, path: "/tmp/t.graph.yaml", fingerprint: document.fingerprint)
            .initialState(width: 120, height: 40, now: F.now)
        let effects = F.keys(&state, .ctrl("s"))
        guard case .save(let graph, let path, let expected, let force)? = effects.first else {
            Issue.record("no save: \(F.names(effects))")
            return
        }
        #expect(graph == document.graph)
        #expect(path == "/tmp/t.graph.yaml")
        #expect(expected == document.fingerprint)
        #expect(!force)
    }

    @Test func saveWithoutAFileWarns() throws {
        var store = TestStore(F.state(try F.textStats().graph, path: nil))
        store.press(.ctrl("s"), says: .warning)
    }

    @Test func undoAndRedoSayWhatTheyDid() throws {
        var state = try F.textStatsState()
        F.find(&state, "stats")
        #expect(state.editing.selection == "stats")
        let before = state.graph
        F.keys(&state, .char("d"))
        #expect(state.graph["stats"] == nil)
        let undo = F.keys(&state, .char("u"))
        #expect(state.graph == before)
        #expect(state.message?.text == "Undid: delete node `stats`")
        #expect(state.editing.selection == "stats")
        #expect(F.names(undo) == ["validate"])
        F.keys(&state, .ctrl("r"))
        #expect(state.graph["stats"] == nil)
        #expect(state.message?.text == "Redid: delete node `stats`")
        F.keys(&state, .ctrl("z"))
        #expect(state.graph == before)
        F.keys(&state, .ctrl("r"))
        var store = TestStore(state)
        store.send(.editing(.redo), says: .info)  // nothing to redo
        let revision = state.editing.document.revision + 1
        store.send(.editing(.undo), effects: [.validate(before, path: state.editing.document.path, revision: revision)])
        {
            $0.editing.document.graph = before
            $0.editing.document.revision = revision
            $0.editing.selection = "stats"
            $0.editing.history.redo = $0.editing.history.undo
            $0.editing.history.undo = []
            $0.promptEditor.current = PromptEditorReducer.promptState(for: $0)
        }
        store.send(.editing(.undo), says: .info)  // nothing to undo
    }

    @Test func redrawAndReload() throws {
        var state = try F.textStatsState()
        #expect(F.names(F.keys(&state, .ctrl("l"))) == ["redraw"])
        guard case .reload(let path)? = AppReducer.reduce(&state, .perform(.reload)).first else {
            Issue.record("no reload")
            return
        }
        #expect(path == "/tmp/text-stats.graph.yaml")
    }

    // MARK: Runtime reports about the file

    @Test func staleProblemsAreIgnored() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("l"), .char("d"))
        let current = state.editing.document.revision
        #expect(current == 1)
        let old = [Diagnostic(.error, "old problem", node: "stats")]
        _ = AppReducer.reduce(&state, .editing(.report(.problems(old, revision: current - 1))))
        #expect(state.editing.problems.isEmpty)
        let fresh = [Diagnostic(.error, "wire to a deleted node", node: "short_enough")]
        _ = AppReducer.reduce(&state, .editing(.report(.problems(fresh, revision: current))))
        #expect(state.editing.problems == fresh)
    }

    @Test func changedOnDiskAsksReloadKeepOrOverwrite() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"))
        _ = AppReducer.reduce(&state, .editing(.report(.changedOnDisk)))
        guard case .confirm(let confirm, .changedOnDisk)? = state.popups.stack.last else {
            Issue.record("no confirm")
            return
        }
        #expect(confirm.options.map(\.id) == ["reload", "keep", "overwrite"])
        // A second report does not stack a second popup.
        _ = AppReducer.reduce(&state, .editing(.report(.changedOnDisk)))
        #expect(state.popups.stack.count == 1)

        var reload = state
        guard case .reload(let path)? = F.keys(&reload, .char("r")).first else {
            Issue.record("r did not reload")
            return
        }
        #expect(path == "/tmp/text-stats.graph.yaml")

        var keep = state
        #expect(F.keys(&keep, .char("k")).isEmpty)
        #expect(keep.message?.level == .warning)
        #expect(keep.editing.document.isModified)

        var overwrite = state
        guard case .save(_, _, _, let force)? = F.keys(&overwrite, .char("o")).first else {
            Issue.record("o did not save")
            return
        }
        #expect(force)
    }

    @Test func reloadedReplacesTheDocument() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"))
        let fresh = try F.graph(F.constant)
        let effects = AppReducer.reduce(&state, .editing(.report(.reloaded(fresh, fingerprint: nil))))
        #expect(state.graph == fresh)
        #expect(!state.editing.document.isModified)
        #expect(state.editing.history.undo.isEmpty)
        #expect(state.editing.selection == "fixed")
        #expect(F.names(effects) == ["validate"])
    }

    @Test func savedClearsModified() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"))
        #expect(state.editing.document.isModified)
        let effects = AppReducer.reduce(
            &state,
            .editing(
                .report(
                    .saved(path: "/tmp/x.graph.yaml", graph: state.graph, fingerprint: FileFingerprint(text: "x")))))
        #expect(effects.isEmpty)
        #expect(!state.editing.document.isModified)
        #expect(state.editing.document.path == "/tmp/x.graph.yaml")
        #expect(state.editing.document.fingerprint == FileFingerprint(text: "x"))
        #expect(!state.quit)
    }

    @Test func saveFailedCancelsQuitAfterSave() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("wq"))
        #expect(state.quitAfterSave)
        var store = TestStore(state)
        store.send(.editing(.report(.saveFailed("disk full"))), says: .error) { $0.quitAfterSave = false }
    }

    // MARK: Commands

    @Test func writeAndQuitCommands() throws {
        var state = try F.textStatsState()
        #expect(F.names(AppReducer.reduce(&state, .command("w"))) == ["save"])
        guard case .save(_, _, _, let force)? = AppReducer.reduce(&state, .command("w!")).first else {
            Issue.record("no w!")
            return
        }
        #expect(force)

        F.keys(&state, .char("d"))
        #expect(AppReducer.reduce(&state, .command("q")).isEmpty)
        #expect(F.top(state) == "confirm")
        state.popups.stack = []
        #expect(F.names(AppReducer.reduce(&state, .command("q!"))) == ["quit"])
        #expect(state.quit)
    }

    @Test func writeQuitQuitsOnceSaved() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("d"))
        #expect(F.names(AppReducer.reduce(&state, .command("wq"))) == ["save"])
        #expect(!state.quit)
        let effects = AppReducer.reduce(
            &state,
            .editing(.report(.saved(path: "/tmp/text-stats.graph.yaml", graph: state.graph, fingerprint: nil))))
        #expect(F.names(effects) == ["quit"])
        #expect(state.quit && !state.editing.document.isModified)
    }

    @Test func writeAsSavesToTheNewPath() throws {
        var state = try F.textStatsState()
        guard
            case .save(_, let path, let expected, _)? = AppReducer.reduce(&state, .command("w /tmp/other.graph.yaml"))
                .first
        else {
            Issue.record("no save")
            return
        }
        #expect(path == "/tmp/other.graph.yaml")
        #expect(expected == nil)
    }

    @Test func typedCommandLineRuns() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char(":"))
        F.type(&state, "layout debug")
        F.keys(&state, .enter)
        #expect(state.layoutName == "debug")
        #expect(state.popups.commandHistory == ["layout debug"])
        #expect(state.popups.stack.isEmpty)
    }

    @Test func layoutCommand() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("layout prompt"))
        #expect(state.layoutName == "prompt")
        #expect(state.focus == .prompt, "graph is not in the prompt layout: the focus moves to its first pane")
        var store = TestStore(state)
        store.send(.command("layout nope"), says: .error)
    }

    @Test func setGotoAndAddCommands() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .command("goto stats"))
        #expect(state.editing.selection == "stats")
        let effects = AppReducer.reduce(&state, .command("set jq .words"))
        #expect(F.names(effects) == ["validate"])
        #expect(state.graph["stats"]?["jq"] == .string(".words"))
        var store = TestStore(state)
        store.send(.command("goto nowhere"), says: .error)
        store.send(.command("set jq"), says: .error)  // no value
        state = store.state
        _ = AppReducer.reduce(&state, .command("add merge"))
        #expect(state.graph["merge"]?.kind == .merge)
        #expect(state.editing.selection == "merge")
        store = TestStore(state)
        store.send(.command("add nonsense"), says: .error)
    }

    @Test func breakCommandTogglesABreakpoint() throws {
        var state = try F.textStatsState()
        let effects = AppReducer.reduce(&state, .command("break report"))
        guard case .setBreakpoint(let node, let on)? = effects.first else {
            Issue.record("no breakpoint")
            return
        }
        #expect(node == "report" && on)
        #expect(state.run.breakpoints == ["report"])
    }

    @Test func unknownCommandIsAnError() throws {
        var store = TestStore(try F.textStatsState())
        store.send(.command("frobnicate now"), says: .error)
    }

    @Test func commandLineCompletesLayoutNames() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char(":"))
        F.type(&state, "lay")
        F.keys(&state, .tab)
        guard case .command(let line)? = state.popups.stack.last else {
            Issue.record("no command line")
            return
        }
        // `layout` and `layout.next` (an action id) both start so: Tab extends to the common part.
        #expect(line.text == "layout")
        F.type(&state, " de")
        F.keys(&state, .tab)
        guard case .command(let line2)? = state.popups.stack.last else {
            Issue.record("no command line")
            return
        }
        #expect(line2.completionList(commands: AppReducer.commandSpecs(state)) == ["debug", "default"])
    }

    // MARK: Mouse

    @Test func mouseIsOffByDefaultAndMToggles() throws {
        var state = try F.textStatsState()
        #expect(!state.mouse)
        // Clicks do nothing while it is off.
        F.keys(&state, .mouse(x: 100, y: 5, wheel: 0))
        #expect(state.focus == .graph)
        let on = F.keys(&state, .char("M"))
        guard case .setMouse(true)? = on.first else {
            Issue.record("no setMouse(true)")
            return
        }
        #expect(state.mouse)
        F.keys(&state, .mouse(x: 100, y: 5, wheel: 0))
        #expect(state.focus == .inspector)
        guard case .setMouse(false)? = F.keys(&state, .char("M")).first else {
            Issue.record("no setMouse(false)")
            return
        }
        #expect(!state.mouse)
        #expect(F.names(AppReducer.reduce(&state, .command("mouse"))) == ["setMouse"])
    }

    // MARK: Keymap

    @Test func keymapOverridesReplaceKeys() throws {
        let (keymap, problems) = Keymap.defaults.overriding(["run.step": ["x"]])
        #expect(problems.isEmpty)
        #expect(keymap.action(for: .char("x"), focus: .inspector) == .step)
        #expect(keymap.action(for: .char("n"), focus: .inspector) == nil)
        #expect(keymap.action(for: .function(10), focus: .inspector) == nil)
        #expect(keymap.keys(for: .step) == [.char("x")])
        // x was extract in the graph pane: a key given to a global action takes it everywhere.
        #expect(keymap.action(for: .char("x"), focus: .graph) == .step)
        #expect(keymap.keys(for: .extract, in: .graph).isEmpty)

        var state = F.setup(try F.graph(F.constant), keymap: keymap).initialState(width: 120, height: 40, now: F.now)
        state.focus = .inspector
        guard let run = F.startRun(in: F.keys(&state, .char("x"))), case .step = run.mode else {
            Issue.record("x did not step")
            return
        }
    }

    @Test func keymapOverrideProblems() {
        let (keymap, problems) = Keymap.defaults.overriding(["run.stepp": ["x"], "run.continue": ["<F99x>", "C"]])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("unknown action `run.stepp`") })
        #expect(problems.contains { $0.contains("unknown key `<F99x>` for `run.continue`") })
        #expect(keymap.action(for: .char("C"), focus: .graph) == .continueRun)
    }

    @Test func ticksMoveTheClockAndExpireInfoMessages() throws {
        var state = try F.textStatsState()
        F.keys(&state, .char("M"))
        #expect(state.message != nil)
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(3)))
        #expect(state.message != nil)
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(7)))
        #expect(state.message == nil)
        #expect(state.now == F.now.addingTimeInterval(7))
    }

    @Test func resizeChangesTheSize() throws {
        var state = try F.textStatsState()
        _ = AppReducer.reduce(&state, .resize(width: 80, height: 24))
        #expect(state.width == 80 && state.height == 24)
    }
}
