/// The editing-mode keys of the prompt editor: while editing, every key goes here first and
/// only keys with no command (Esc, function keys) fall through to the app. One table drives
/// both the mapping and `bindings`, so help and `docs/keymap.md` cannot drift from it.
///
/// Ctrl-C is not used: the app reserves it for cancelling a run. Copy is therefore `C-o`
/// ("out"), cut `C-x`, paste `C-v`.
public enum EditorKeys {
    /// Lines PgUp/PgDn move when the caller does not pass the pane's height.
    public static let defaultPageSize = 10

    struct Binding {
        var keys: [Key]
        var command: EditorCommand
        var name: String
        var help: String
    }

    static let table: [Binding] = [
        Binding(keys: [.enter], command: .newline, name: "newline", help: "Break the line"),
        Binding(keys: [.tab], command: .insert("  "), name: "indent", help: "Insert two spaces"),
        Binding(
            keys: [.backspace, .ctrl("h")], command: .backspace, name: "backspace",
            help: "Delete the character before the cursor (or the selection)"),
        Binding(
            keys: [.delete, .ctrl("d")], command: .deleteForward, name: "delete",
            help: "Delete the character under the cursor (or the selection)"),
        Binding(
            keys: [.ctrl("w")], command: .deleteWordBackward, name: "delete-word",
            help: "Delete the word before the cursor"),
        Binding(keys: [.left], command: .move(.left, extend: false), name: "left", help: "Move left"),
        Binding(keys: [.right], command: .move(.right, extend: false), name: "right", help: "Move right"),
        Binding(keys: [.up], command: .move(.up, extend: false), name: "up", help: "Move up (keeps the column)"),
        Binding(
            keys: [.down], command: .move(.down, extend: false), name: "down", help: "Move down (keeps the column)"),
        Binding(
            keys: [.ctrlLeft], command: .move(.wordLeft, extend: false), name: "word-left",
            help: "Move to the previous word"),
        Binding(
            keys: [.ctrlRight], command: .move(.wordRight, extend: false), name: "word-right",
            help: "Move past the next word"),
        Binding(
            keys: [.home, .ctrl("a")], command: .move(.lineStart, extend: false), name: "line-start",
            help: "Move to the start of the line"),
        Binding(
            keys: [.end, .ctrl("e")], command: .move(.lineEnd, extend: false), name: "line-end",
            help: "Move to the end of the line"),
        Binding(
            keys: [.pageUp], command: .move(.pageUp(defaultPageSize), extend: false), name: "page-up",
            help: "Move up a page"),
        Binding(
            keys: [.pageDown], command: .move(.pageDown(defaultPageSize), extend: false), name: "page-down",
            help: "Move down a page"),
        Binding(
            keys: [.shiftLeft], command: .move(.left, extend: true), name: "select-left",
            help: "Extend the selection left"),
        Binding(
            keys: [.shiftRight], command: .move(.right, extend: true), name: "select-right",
            help: "Extend the selection right"),
        Binding(
            keys: [.shiftUp], command: .move(.up, extend: true), name: "select-up", help: "Extend the selection up"),
        Binding(
            keys: [.shiftDown], command: .move(.down, extend: true), name: "select-down",
            help: "Extend the selection down"),
        Binding(
            keys: [.shiftHome], command: .move(.lineStart, extend: true), name: "select-line-start",
            help: "Extend the selection to the line's start"),
        Binding(
            keys: [.shiftEnd], command: .move(.lineEnd, extend: true), name: "select-line-end",
            help: "Extend the selection to the line's end"),
        Binding(keys: [.ctrl("l")], command: .selectAll, name: "select-all", help: "Select the whole text"),
        Binding(
            keys: [.ctrl("o")], command: .copy, name: "copy",
            help: "Copy the selection (C-c is kept for cancelling runs)"),
        Binding(keys: [.ctrl("x")], command: .cut, name: "cut", help: "Cut the selection"),
        Binding(keys: [.ctrl("v")], command: .paste, name: "paste", help: "Paste what was cut or copied"),
        Binding(keys: [.ctrl("z")], command: .undo, name: "undo", help: "Undo (typing undoes a word at a time)"),
        Binding(keys: [.ctrl("y")], command: .redo, name: "redo", help: "Redo"),
    ]

    private static let byKey: [Key: EditorCommand] = {
        var map: [Key: EditorCommand] = [:]
        for binding in table { for key in binding.keys { map[key] = binding.command } }
        return map
    }()

    /// The command for a key in editing mode, or nil when the key is not the editor's (Esc
    /// leaves editing; function keys go to the app). `pageSize` is the pane's height less one.
    public static func command(for key: Key, pageSize: Int = defaultPageSize) -> EditorCommand? {
        if case .char(let c) = key {
            guard !c.unicodeScalars.contains(where: VisibleText.isControl) else { return nil }
            return .insert(String(c))
        }
        switch byKey[key] {
        case .move(.pageUp, let extend)?: return .move(.pageUp(max(1, pageSize)), extend: extend)
        case .move(.pageDown, let extend)?: return .move(.pageDown(max(1, pageSize)), extend: extend)
        case let command: return command
        }
    }

    /// Every binding as the help screen and `docs/keymap.md` list them: key names joined
    /// with ", " (as `Key.description` writes them), a command id `editor.NAME`, and help.
    public static let bindings: [(key: String, command: String, help: String)] =
        [("any character", "editor.insert", "Type it (replacing the selection)")]
        + table.map { binding in
            (binding.keys.map(\.description).joined(separator: ", "), "editor." + binding.name, binding.help)
        }
}
