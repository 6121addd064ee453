import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

/// What can happen to the workbench. Input (a key, a `:` command, a resize, a tick of the
/// clock) is handled by the app reducer, which routes it to a feature; each feature's own
/// action (what a person asks of it, and what the runtime reports back to it) goes to that
/// feature's reducer.
public enum Action: Sendable {
    case key(Key)
    /// An action chosen by its keymap id; `AppReducer.route` says which feature it belongs to.
    case perform(ActionID)
    /// A `:` command line, without the colon.
    case command(String)
    case resize(width: Int, height: Int)
    case tick(Date)
    /// A message for the status line from the runtime (a failed effect no feature owns).
    case message(String, MessageLevel)
    case app(AppAction)
    case view(ViewAction)
    case editing(GraphEditingAction)
    case run(RunAction)
    case history(HistoryAction)
    case eval(EvalAction)
    case improve(ImproveAction)
    case compare(CompareAction)
    case capture(CaptureAction)
    case prompt(PromptEditorAction)
    case popups(PopupAction)
}

/// What only the app reducer does, since it spans features.
public enum AppAction: Sendable, Equatable {
    /// Closes the top popup, else quits (asking first when the graph has unsaved changes).
    case quit
    /// Backs out one level: popup, sub-graph, zoom, marks, trace selection, message.
    case back
    /// Copies what the focused pane has selected to the clipboard (`y`).
    case copy
}

/// Panes, layouts, scrolling and the mouse.
public enum ViewAction: Sendable, Equatable {
    case nextPane
    case previousPane
    /// Focus the pane numbered `n` (1-based, in the layout's order).
    case focus(Int)
    case zoom
    case grow
    case shrink
    case nextLayout
    case switchLayout(String)
    /// Scrolls or moves the selection of the focused pane.
    case scroll(ScrollMove)
    /// `/` in the trace or problems pane: asks for the text its rows must hold (`ListFilter`).
    case askFilter
    case mouse(x: Int, y: Int, wheel: Int)
    case toggleMouse
    case redraw
}

/// A move inside the focused pane.
public enum ScrollMove: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom, toggleFold, toggleCall, foldAll, unfoldAll, toggleWrap
}
