import CNcursesw
import Foundation

/// The one ncurses backend: flushes a `CellBuffer` (only the changed part of each row) and
/// reads keys. Every curses call in the program is made here, by the one loop that owns it.
public final class NcursesTerminal: TerminalBackend {
    private var previous: CellBuffer?
    private var pairs: [UInt16: Int16] = [:]
    private var colors: Bool
    private var open = false

    /// Starts curses: raw keys (Ctrl-C is a key the app handles, not a signal), no echo,
    /// function keys decoded, short Esc delay, the terminal's own colours.
    public init(mouse: Bool, useColor: Bool) {
        pb_install_crash_restore()
        setlocale(LC_ALL, "")
        pb_ensure_utf8_ctype()
        pb_set_escdelay(25)
        initscr()
        open = true
        raw()
        noecho()
        nonl()
        _ = pb_keypad(true)
        curs_set(0)
        colors = useColor && has_colors()
        if colors {
            start_color()
            use_default_colors()
        }
        setMouse(mouse)
    }

    public var size: (width: Int, height: Int) { (Int(pb_cols()), Int(pb_lines())) }

    /// Writes what changed since the last frame.
    public func draw(_ buffer: CellBuffer) {
        let full = previous == nil || previous?.width != buffer.width || previous?.height != buffer.height
        if full { erase() }
        var text: [wchar_t] = []
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if !full, let previous, previous[x, y] == cell {
                    x += 1
                    continue
                }
                // A run of changed cells in one style, written in one call.
                let style = cell.style
                let start = x
                text.removeAll(keepingCapacity: true)
                while x < buffer.width {
                    let next = buffer[x, y]
                    guard next.style == style else { break }
                    if !full, let previous, previous[x, y] == next, !next.isContinuation { break }
                    for scalar in next.text.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                    x += 1
                }
                if text.isEmpty { continue }
                _ = pb_put(Int32(y), Int32(start), text, Int32(text.count), attributes(style), pair(style))
            }
        }
        refresh()
        previous = buffer
    }

    /// The next key, or nil when none came within `timeout` milliseconds.
    public func readKey(timeout: Int) -> Key? {
        _ = pb_timeout(Int32(timeout))
        var code: wint_t = 0
        let kind = pb_get_wch(&code)
        if kind == pb_err() { return nil }
        if kind == pb_key_code_yes() { return functionKey(Int32(code)) }
        return characterKey(UInt32(code))
    }

    /// Leaves curses for a program that needs the terminal ($EDITOR); `resume` comes back.
    public func suspend() {
        def_prog_mode()
        endwin()
    }

    public func resume() {
        reset_prog_mode()
        previous = nil
        clearok(pb_stdscr(), true)
        refresh()
    }

    /// Forces the next `draw` to repaint everything.
    public func invalidate() {
        previous = nil
        clearok(pb_stdscr(), true)
    }

    public func setMouse(_ on: Bool) { _ = pb_mouse(on) }

    /// Writes `bytes` to the terminal after the frame curses has flushed (`draw` ends with
    /// `refresh`, which writes all it holds), so a sequence never lands inside a frame.
    public func writeSequence(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Gives the terminal back. Safe to call more than once.
    public func restore() {
        guard open else { return }
        open = false
        _ = pb_mouse(false)
        curs_set(1)
        if !pb_is_endwin() { endwin() }
    }

    private func attributes(_ style: Style) -> attr_t {
        var value = pb_a_normal()
        if style.bold { value |= pb_a_bold() }
        if style.dim { value |= pb_a_dim() }
        if style.reverse { value |= pb_a_reverse() }
        if style.underline { value |= pb_a_underline() }
        return value
    }

    /// Colour pairs are made as styles need them; pair 0 is the terminal's default.
    private func pair(_ style: Style) -> Int16 {
        guard colors, style.foreground != .terminal || style.background != .terminal else { return 0 }
        let key = UInt16(style.foreground.rawValue) << 8 | UInt16(style.background.rawValue)
        if let known = pairs[key] { return known }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < pb_color_pairs() else { return 0 }
        init_pair(next, Self.curses(style.foreground), Self.curses(style.background))
        pairs[key] = next
        return next
    }

    private static func curses(_ color: Style.Color) -> Int16 {
        color == .terminal ? -1 : Int16(color.rawValue - 1)
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_SHOME: return .shiftHome
        case KEY_SEND: return .shiftEnd
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case pb_key_resize(): return .resize
        case pb_key_mouse():
            var y: Int32 = 0
            var x: Int32 = 0
            var state: UInt = 0
            guard pb_get_mouse(&y, &x, &state) == OK else { return nil }
            let wheel = state & pb_button4() != 0 ? -1 : state & pb_button5() != 0 ? 1 : 0
            return .mouse(x: Int(x), y: Int(y), wheel: wheel)
        default:
            for n in 1...24 where code == pb_key_f(Int32(n)) { return .function(n) }
            // Modified arrows beyond the standard set come by name (xterm: kLFT5 = Ctrl-Left).
            guard let name = pb_keyname(code).map({ String(cString: $0) }) else { return nil }
            switch name {
            case "kLFT5": return .ctrlLeft
            case "kRIT5": return .ctrlRight
            case "kUP2": return .shiftUp
            case "kDN2": return .shiftDown
            default: return nil
            }
        }
    }

    private func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 0x1B: return .escape
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .ctrl(Character(UnicodeScalar(code + 0x60)!))
        default:
            guard let scalar = UnicodeScalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
