import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

/// What the workbench starts with: the graph, where runs go, and the user's preferences. The
/// executable builds it (model back ends, trust, config); the TUI never reads config itself.
public struct WorkbenchSetup: Sendable {
    public var graph: Graph
    public var path: String?
    public var fingerprint: FileFingerprint?
    /// Shared by every run of the session: its cache carries results across edits.
    public var environment: EngineEnvironment
    public var modelAliases: Set<String>?
    public var layouts: [String: LayoutSpec]
    public var layoutName: String
    public var keymap: Keymap
    public var theme: Theme
    public var glyphs: Glyphs
    public var mouse: Bool
    /// Problems found while reading layouts and keymap overrides, shown at start.
    public var notices: [String]
    /// Values the run form starts with (`--inputs`), as if a run had used them.
    public var inputs: [String: JSONValue] = [:]
    /// The project's run history: runs are listed, opened and forked from it, and evals stored
    /// in it. Runs are written to it through `environment.journal`, which the caller sets.
    public var store: RunStore?
    /// What `:eval` takes unless typed; the executable gives the config's, as to `patchbay eval`.
    public var evalDefaults: EvalDefaults = .standard
    /// `true` when the local model's server starts for a run, `false` when it is up (or failed):
    /// the status line says so meanwhile. Nil: no local model here.
    public var localModelStarts: AsyncStream<Bool>?
    /// `path` names a file that does not exist yet: the first frame says the first save creates it.
    public var createsFile = false

    public init(
        graph: Graph, path: String?, fingerprint: FileFingerprint?, environment: EngineEnvironment,
        modelAliases: Set<String>?,
        layouts: [String: LayoutSpec], layoutName: String = "default", keymap: Keymap = .defaults, theme: Theme = .dark,
        glyphs: Glyphs = .unicode, mouse: Bool = false, notices: [String] = [], store: RunStore? = nil
    ) {
        self.store = store
        self.graph = graph
        self.path = path
        self.fingerprint = fingerprint
        self.environment = environment
        self.modelAliases = modelAliases
        self.layouts = layouts
        self.layoutName = layoutName
        self.keymap = keymap
        self.theme = theme
        self.glyphs = glyphs
        self.mouse = mouse
        self.notices = notices
    }

    func initialState(width: Int, height: Int, now: Date) -> AppState {
        var state = AppState(
            document: DocumentState(graph: graph, path: path, fingerprint: fingerprint), width: width, height: height,
            now: now,
            layouts: layouts, layoutName: layoutName, keymap: keymap, theme: theme, glyphs: glyphs)
        state.mouse = mouse
        state.run.lastInputs = inputs
        loadHistory(into: &state)
        state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        // A layout without a graph pane (prompt) starts on its first pane.
        if !ViewReducer.panes(state).contains(state.focus) { state.focus = ViewReducer.panes(state).first ?? .graph }
        GraphEditingReducer.followSelection(&state)
        if let first = notices.first {
            state.message = StatusMessage(
                text: first + (notices.count > 1 ? " (+\(notices.count - 1) more)" : ""), level: .warning, at: now)
        } else if createsFile, let path {
            state.message = StatusMessage(
                text: "`\(PathText.fileName(path))` does not exist yet: it is created when you save (C-s, :w)",
                level: .info, at: now)
        }
        return state
    }

    /// The runs pane's first list, read once before the first frame; with no `--inputs`, the
    /// inputs of the newest run a person started (not an eval's sample) prefill the run form.
    func loadHistory(into state: inout AppState) {
        guard let store else { return }
        state.runHistory.available = true
        guard let runs = try? store.runs(graphPath: path, limit: HistoryState.limit) else { return }
        state.runHistory.runs = runs
        if inputs.isEmpty, let newest = runs.first(where: { $0.origin.kind != .eval }),
            let run = try? store.run(newest.id)
        {
            state.run.lastInputs = run.inputs
        }
    }
}
