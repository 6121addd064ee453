// The built-in layouts, word for word the files in layouts/ (a test compares them), so the
// app needs no resource bundle and users can copy a file to start their own.
extension LayoutCatalog {
    /// Built-in layout names in the order `:layout` lists them.
    public static let builtInNames = ["default", "debug", "prompt", "wide", "history", "eval", "improve", "compare"]

    static let builtInText: [String: String] = [
        "default": """
        # default: the graph on the left, the inspector and the prompt editor on the right.
        name: default
        description: graph, inspector and prompt editor
        split: columns            # children side by side; `rows` stacks them
        children:
          - pane: graph
            size: 55%             # a percent of the parent, or a number of cells (e.g. 30); omitted = share the rest
          - split: rows
            children:
              - pane: inspector
              - pane: prompt
                size: 40%
        min_width: 60             # below this (or min_height) the app shows one notice instead
        min_height: 16
        """,
        "debug": """
        # debug: the graph over the trace of the run on the left, the inspector on the right.
        # Selecting a trace step shows its values in the inspector.
        name: debug
        description: graph, trace and inspector for stepping through a run
        split: columns
        children:
          - split: rows
            size: 55%
            children:
              - pane: graph
              - pane: trace
                size: 40%
          - pane: inspector
        min_width: 60
        min_height: 16
        """,
        "prompt": """
        # prompt: the prompt editor on the left; its live preview over the node's last output on the right.
        name: prompt
        description: prompt editor, live preview and the node's last output
        split: columns
        children:
          - pane: prompt
            size: 50%
          - split: rows
            children:
              - pane: preview
              - pane: output
                size: 40%
        min_width: 60
        min_height: 16
        """,
        "wide": """
        # wide: for big terminals; graph over trace and problems, inspector, and the prompt editor over its preview.
        name: wide
        description: graph, trace, problems, inspector, prompt editor and preview on one screen
        split: columns
        children:
          - split: rows
            size: 40%
            children:
              - pane: graph
              - pane: trace
                size: 30%
              - pane: problems
                size: 20%
          - split: columns
            children:
              - pane: inspector
              - split: rows
                children:
                  - pane: prompt
                  - pane: preview
                    size: 40%
        min_width: 120
        min_height: 30
        """,
        "history": """
        # history: this graph's stored runs over the trace of the one opened, the inspector on the right.
        # Enter opens a run; in the trace, f forks from the selected step and p replays it.
        name: history
        description: stored runs, the trace of the one opened and the inspector
        split: columns
        children:
          - split: rows
            size: 60%
            children:
              - pane: runs
              - pane: trace
                size: 50%
          - pane: inspector
        min_width: 60
        min_height: 16
        """,
        "eval": """
        # eval: the eval's progress and report over the trace of a drilled-into sample, the inspector on the right.
        # e starts an eval (:eval CASES-FILE [repeat N]); Enter on a case opens its failing sample's run.
        name: eval
        description: eval progress and report, the trace of a sample's run and the inspector
        split: columns
        children:
          - split: rows
            size: 55%
            children:
              - pane: eval
              - pane: trace
                size: 40%
          - pane: inspector
        min_width: 60
        min_height: 16
        """,
        "improve": """
        # improve: the search's candidates and the diff of one, over the graph it changes.
        # i starts a search (:improve CASES-FILE [OPTION VALUE]…); Enter shows a diff, a applies it, A the winner.
        name: improve
        description: an improve search's candidates and diffs over the graph
        split: rows
        children:
          - pane: improve
          - pane: graph
            size: 35%
        min_width: 60
        min_height: 16
        """,
        "compare": """
        # compare: two stored runs side by side, the whole screen: their steps aligned and the selected one's diff.
        # m marks a run in the runs pane, = on another compares them (or :diff RUN RUN); Esc goes back.
        name: compare
        description: two stored runs side by side, and the diff of the selected step
        pane: compare
        min_width: 60
        min_height: 16
        """,
    ]
}
