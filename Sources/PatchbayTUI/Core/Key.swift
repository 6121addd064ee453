/// One key press, as the backend reads it and the keymap names it.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter (`ctrl("p")`); Ctrl-C while a run is going cancels the run.
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    /// Shift- and Ctrl-arrows (selection and word movement in the prompt editor).
    case shiftUp, shiftDown, shiftLeft, shiftRight, shiftHome, shiftEnd, ctrlLeft, ctrlRight
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
    /// The terminal changed size (curses' KEY_RESIZE).
    case resize
    /// A mouse click at a cell, or a wheel turn (`wheel` -1 up, +1 down).
    case mouse(x: Int, y: Int, wheel: Int)

    /// The name used in the keymap, `docs/keymap.md` and config overrides: `j`, `C-p`,
    /// `<Tab>`, `<S-Tab>`, `<F5>`, `<Up>`.
    public var description: String {
        switch self {
        case .char(" "): return "<Space>"
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .pageUp: return "<PgUp>"
        case .pageDown: return "<PgDn>"
        case .shiftUp: return "<S-Up>"
        case .shiftDown: return "<S-Down>"
        case .shiftLeft: return "<S-Left>"
        case .shiftRight: return "<S-Right>"
        case .shiftHome: return "<S-Home>"
        case .shiftEnd: return "<S-End>"
        case .ctrlLeft: return "<C-Left>"
        case .ctrlRight: return "<C-Right>"
        case .enter: return "<Enter>"
        case .escape: return "<Esc>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .insert: return "<Ins>"
        case .function(let n): return "<F\(n)>"
        case .resize: return "<Resize>"
        case .mouse: return "<Mouse>"
        }
    }

    /// Parses a key name as `description` writes it (case-insensitive inside `<…>`, `ctrl-p`
    /// also accepted). Nil for anything else.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            self = .char(c)
            return
        }
        let lower = name.lowercased()
        for prefix in ["c-", "ctrl-", "ctrl+", "<c-"] where lower.hasPrefix(prefix) {
            var rest = lower.dropFirst(prefix.count)
            if prefix == "<c-" {
                guard rest.hasSuffix(">") else { return nil }
                rest = rest.dropLast()
            }
            guard rest.count == 1, let c = rest.first, c.isLetter else { break }
            self = .ctrl(c)
            return
        }
        var inner = Substring(lower)
        if inner.hasPrefix("<") && inner.hasSuffix(">") { inner = inner.dropFirst().dropLast() }
        switch inner {
        case "space": self = .char(" ")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "s-up": self = .shiftUp
        case "s-down": self = .shiftDown
        case "s-left": self = .shiftLeft
        case "s-right": self = .shiftRight
        case "s-home": self = .shiftHome
        case "s-end": self = .shiftEnd
        case "c-left": self = .ctrlLeft
        case "c-right": self = .ctrlRight
        case "enter", "cr", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "s-tab", "backtab": self = .backTab
        case "bs", "backspace": self = .backspace
        case "del", "delete": self = .delete
        case "ins", "insert": self = .insert
        default:
            guard inner.hasPrefix("f"), let n = Int(inner.dropFirst()), (1...24).contains(n) else { return nil }
            self = .function(n)
        }
    }
}
