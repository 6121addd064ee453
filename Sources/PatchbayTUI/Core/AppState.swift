import Foundation
import PatchbayCore

/// Everything the workbench shows, as one value. Only `reduce` changes it; the runtime turns
/// the effects `reduce` returns into work (runs, files, the editor) and feeds results back as
/// actions. That keeps every behaviour testable without a terminal.
public struct AppState: Sendable, Equatable {
    /// The graph being edited: document, undo, problems, selection, marks, sub-graph scope.
    public var editing: GraphEditingState
    /// The run/debugger feature: the run in flight, breakpoints, the trace row shown.
    public var run = RunState()
    /// The prompt editor and its preview.
    public var promptEditor = PromptEditorState()
    /// What sits on top of the panes, and the `:` command history.
    public var popups = PopupState()
    /// The runs pane: stored runs of this graph, and the stored run the trace shows.
    public var runHistory = HistoryState()
    /// The eval pane: the eval in flight or the last one's report.
    public var eval = EvalState()
    /// The improve pane: the search in flight or the last one's report.
    public var improve = ImproveState()
    /// The compare pane: two stored runs side by side.
    public var compare = CompareState()

    // View.
    public var width: Int
    public var height: Int
    public var layouts: [String: LayoutSpec]
    public var layoutName: String
    public var zoomed: PaneID?
    public var splitAdjustments: [String: Int] = [:]
    public var focus: PaneID = .graph
    public var inspector = InspectorState(scroll: 0, cursor: 0, folded: [], wrap: true)
    public var outputScroll = 0
    public var message: StatusMessage?
    public var mouse = false
    public var keymap: Keymap
    public var theme: Theme
    public var glyphs: Glyphs

    // Time, supplied by ticks so tests use a fake clock.
    public var now: Date
    public var spinnerFrame = 0
    public var quit = false
    /// `:wq` or "save and quit": quit once the save is confirmed.
    public var quitAfterSave = false

    public init(
        document: DocumentState, width: Int, height: Int, now: Date,
        layouts: [String: LayoutSpec], layoutName: String = "default",
        keymap: Keymap = .defaults, theme: Theme = .dark, glyphs: Glyphs = .unicode
    ) {
        editing = GraphEditingState(document: document)
        self.width = width
        self.height = height
        self.now = now
        self.layouts = layouts
        self.layoutName = layouts[layoutName] == nil ? (layouts.keys.sorted().first ?? layoutName) : layoutName
        self.keymap = keymap
        self.theme = theme
        self.glyphs = glyphs
    }

    public var layout: LayoutSpec? { layouts[layoutName] }
    public var graph: Graph { editing.graph }
    public var shownGraph: Graph { editing.shownGraph }
    public var selectedNode: Node? { editing.selectedNode }
}

/// A sub-graph opened from a loop, map or graph node: edits inside it save its own file.
public struct ScopeFrame: Sendable, Equatable {
    public var node: String
    public var graph: Graph
    public var path: String
    public var selectionBefore: String?
    /// Other graph files of the project that include this file too (an edit here changes them).
    public var sharedWith: [String] = []
    /// The map item or loop pass shown (0-based); nil shows the latest.
    public var item: Int?
}

/// The graph being edited and how it relates to its file.
public struct DocumentState: Sendable, Equatable {
    public var graph: Graph
    public var path: String?
    /// The graph as last saved or loaded; unsaved changes are the difference.
    public var savedGraph: Graph
    /// The file's content hash when read or written, to notice changes made elsewhere.
    public var fingerprint: FileFingerprint?
    /// Bumped by every edit, so late validation results for an older graph are dropped.
    public var revision = 0

    public init(graph: Graph, path: String?, fingerprint: FileFingerprint?) {
        self.graph = graph
        self.path = path
        self.savedGraph = graph
        self.fingerprint = fingerprint
    }

    public var isModified: Bool { graph != savedGraph }
}

/// One undoable change: the graph before and after, and what to call it.
public struct GraphEdit: Sendable, Equatable {
    public var label: String
    public var before: Graph
    public var after: Graph
    public var selectionBefore: String?
    public var selectionAfter: String?
    /// Sub-graph files the edit wrote: undo puts them back, redo writes them again.
    public var subgraphs: [SubgraphEdit] = []
}

public struct EditHistory: Sendable, Equatable {
    public var undo: [GraphEdit] = []
    public var redo: [GraphEdit] = []
}

/// The prompt-editor feature: the prompt open in the editor (nil: none), and how far its
/// preview is scrolled.
public struct PromptEditorState: Sendable, Equatable {
    public var current: PromptState?
    public var previewScroll = 0

    public init() {}
}

/// The popups feature: the stack of overlays (the last gets the keys) and the lines typed at
/// `:` this session.
public struct PopupState: Sendable, Equatable {
    public var stack: [Overlay] = []
    public var commandHistory: [String] = []

    public init() {}
}

/// The prompt editor's subject: which node and field it edits, and the text being edited.
public struct PromptState: Sendable, Equatable {
    public var node: String
    public var field: String
    public var editor: TextEditor
    /// Keys go to the editor (after `i`) instead of the keymap, until Esc.
    public var editing = false
}

public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var level: MessageLevel
    public var at: Date
    /// The whole of what `text` says in short (every problem with its whole hint), shown on a
    /// key (`view.message`); nil when `text` is all there is.
    public var detail: String?

    /// `text` on one line: the status line has one, and a raw line break would be shown escaped
    /// (`\n`). An error's several lines (a message, then its hint) are joined with ` · `, or a
    /// space after a line ending in `:`.
    public init(text: String, level: MessageLevel, at: Date, detail: String? = nil) {
        self.text = Self.oneLine(text)
        self.level = level
        self.at = at
        self.detail = detail
    }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var out = ""
        for line in lines {
            if !out.isEmpty { out += out.hasSuffix(":") ? " " : " · " }
            out += line
        }
        return out
    }
}
