import Foundation

/// `docs/keymap.md`, generated from the one keymap table (`Keymap.bindings`, `ActionID.summary`)
/// and the prompt editor's table (`EditorKeys.bindings`), so the document cannot drift from the
/// keys. A test compares the committed file with `markdown()`.
public enum KeymapDocument {
    /// Scopes in reading order: what works everywhere first, then the panes as a person meets them.
    static let scopeOrder: [Keymap.Scope] =
        [
            .global, .pane(.graph), .pane(.prompt), .pane(.inspector), .pane(.trace), .pane(.preview), .pane(.output),
            .pane(.problems),
        ]

    /// The keys of popups, which their models handle directly (they take every key while open).
    /// The keys of popups, which their models handle directly (they take every key while open).
    /// The key column is written as Markdown: key names in code spans, words around them.
    static let popupKeys: [(title: String, rows: [(keys: String, help: String)])] = [
        (
            "Palette and choice lists (`C-p`, add, connect, disconnect)",
            [
                ("any character", "Type to filter (fuzzy match)"),
                ("`<Up>`, `C-p`, `<S-Tab>`", "Previous item"),
                ("`<Down>`, `C-n`, `<Tab>`", "Next item"),
                ("`<PgUp>`, `<PgDn>`", "Move a page"),
                ("`<Enter>`", "Choose the selected item"),
                ("`<Esc>`", "Close without choosing"),
            ]
        ),
        (
            "Forms (run inputs, paused inputs, fields)",
            [
                ("`<Tab>`, `<S-Tab>`", "Next or previous field"),
                ("`<Up>`, `<Down>`", "Previous or next field (in a multi-line field: the line above or below)"),
                ("`<Enter>`", "Next field; on the last field, submit (in a multi-line field: a new line)"),
                ("`C-s`", "Submit from any field"),
                ("`<Esc>`", "Cancel"),
                (
                    "`C-a`, `C-e`, `C-u`, `C-k`, `C-w`",
                    "Line start, line end, delete to the line's start, to its end, the word before"
                ),
            ]
        ),
        (
            "Command line (`:`) and one-line questions (rename, find, a field's value)",
            [
                ("`<Tab>`", "Complete the command or argument; again to cycle"),
                ("`<Up>`, `<Down>` (`C-p`, `C-n`)", "Previous or next line from the history"),
                ("`<Enter>`", "Run the command, or answer"),
                ("`<Esc>`, `C-c`, `<BS>` on an empty line", "Close"),
            ]
        ),
        (
            "Confirmations",
            [
                ("the letter in brackets", "Answer (`[y]es [n]o [s]ave`)"),
                ("`<Left>`, `<Right>`, `h`, `l`", "Move between answers"),
                ("`<Enter>`", "Take the selected answer"),
                ("`<Esc>`, `C-c`", "Cancel"),
            ]
        ),
        (
            "Help (`?`)",
            [
                ("`j`, `k`, `<Up>`, `<Down>`", "Scroll"),
                ("`<Space>`, `<PgDn>`, `<PgUp>`", "Scroll a page"),
                ("`g`, `G`", "Top, bottom"),
                ("`<Esc>`, `q`, `?`", "Close"),
            ]
        ),
    ]

    public static func markdown(_ keymap: Keymap = .defaults) -> String {
        var out = """
            # Keys

            <!-- Generated from the keymap table (Sources/PatchbayTUI/Core/Keymap+Defaults.swift) by
                 KeymapDocument; do not edit. Regenerate with
                 PATCHBAY_RECORD_SNAPSHOTS=1 swift test --filter KeymapDoc -->

            Every key of the workbench (`patchbay GRAPH`), by where it works. `?` shows the same
            list in the workbench, the focused pane's keys first; `C-p` opens a palette of every
            action. A key bound in the focused pane wins over the same key bound everywhere.

            Keys are overridable by action id in the `[keys]` table of the user config
            (`patchbay config path` prints where it is). An override replaces all the keys of that
            action, and takes its keys away from any other action in the same scope:

            ```toml
            [keys]
            "run.step" = ["n", "<F10>"]
            "app.palette" = ["C-k"]
            ```

            Key names: a single character as itself (`j`, `G`, `?`); Ctrl plus a letter as `C-x`
            (`ctrl-x` also works); named keys in angle brackets, case-insensitive: `<Enter>`,
            `<Esc>`, `<Tab>`, `<S-Tab>`, `<BS>`, `<Del>`, `<Ins>`, `<Space>`, `<Up>` `<Down>`
            `<Left>` `<Right>`, `<Home>` `<End>`, `<PgUp>` `<PgDn>`, `<S-Up>` and the other
            shifted arrows, `<C-Left>` `<C-Right>`, `<F1>` to `<F24>`. An unknown action id or
            key name is reported when the workbench starts.

            """
        let scopes = scopeOrder + scopesNotInOrder(keymap)
        for scope in scopes {
            let bindings = keymap.bindings.filter { $0.scope == scope && !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            out += "\n## \(title(of: scope))\n\n"
            out += "| Keys | Action id | What it does |\n|---|---|---|\n"
            for binding in bindings {
                out +=
                    "| \(keysCell(binding.keys.map(\.description))) | `\(binding.action.rawValue)` | \(cell(binding.action.summary)) |\n"
            }
        }
        let bound = Set(keymap.bindings.filter { !$0.keys.isEmpty }.map(\.action))
        let unbound = ActionID.allCases.filter { !bound.contains($0) }
        if !unbound.isEmpty {
            out +=
                "\n## Without a key\n\nFrom the palette (`C-p`), from the command line as `:ACTION-ID` (e.g. `:\(unbound[0].rawValue)`), or give them a key in `[keys]`.\n\n"
            out += "| Action id | What it does |\n|---|---|\n"
            for action in unbound { out += "| `\(action.rawValue)` | \(cell(action.summary)) |\n" }
        }
        out += """

            ## Editing a prompt

            In the Prompt pane, `i` or `<Enter>` starts editing in place; `<Esc>` finishes (the
            whole edit is one undo step of the graph). While editing, these keys go to the
            editor; function keys still go to the workbench.

            | Keys | Command | What it does |
            |---|---|---|

            """
        for binding in EditorKeys.bindings {
            let keys =
                binding.key == "any character" ? "any character" : keysCell(binding.key.components(separatedBy: ", "))
            out += "| \(keys) | `\(binding.command)` | \(cell(binding.help)) |\n"
        }
        out += "\n## Popups\n\nWhile a popup is open it takes every key.\n"
        for popup in popupKeys {
            out += "\n### \(popup.title)\n\n| Keys | What it does |\n|---|---|\n"
            for row in popup.rows { out += "| \(row.keys) | \(cell(row.help)) |\n" }
        }
        return out
    }

    static func title(of scope: Keymap.Scope) -> String {
        switch scope {
        case .global: "Everywhere"
        case .pane(let pane): "\(pane.title) pane"
        }
    }

    /// Keys bound twice in one scope (the second binding never fires), as "scope: key (a, b)".
    public static func duplicates(_ keymap: Keymap = .defaults) -> [String] {
        var seen: [Keymap.Scope: [Key: ActionID]] = [:]
        var found: [String] = []
        for binding in keymap.bindings {
            for key in binding.keys {
                if let first = seen[binding.scope]?[key] {
                    found.append("\(title(of: binding.scope)): \(key) (\(first.rawValue), \(binding.action.rawValue))")
                } else {
                    seen[binding.scope, default: [:]][key] = binding.action
                }
            }
        }
        return found
    }

    /// Scopes a custom keymap uses that the fixed order leaves out (none for the defaults).
    private static func scopesNotInOrder(_ keymap: Keymap) -> [Keymap.Scope] {
        PaneID.allCases.map { Keymap.Scope.pane($0) }.filter { scope in
            !scopeOrder.contains(scope) && keymap.bindings.contains { $0.scope == scope }
        }
    }

    /// Key names as code spans, so `<Tab>` is not read as HTML.
    private static func keysCell(_ names: [String]) -> String {
        names.map(code).joined(separator: ", ")
    }

    private static func code(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "|", with: "\\|")
        return text.contains("`") ? "`` \(escaped) ``" : "`\(escaped)`"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
