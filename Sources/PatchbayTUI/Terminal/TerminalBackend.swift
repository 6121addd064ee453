/// What the workbench's event loop needs from a terminal: its size, keys, frames, and a way to
/// lend it to another program. `NcursesTerminal` is the real one; `TestBackend` keeps the
/// screen in memory so tests drive the real loop (as ratatui's `Backend` and `TestBackend`).
///
/// Not `Sendable`: a backend belongs to the loop that owns it, on one thread.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// The next key, waiting at most `timeout` milliseconds; a size change arrives as `.resize`.
    func readKey(timeout: Int) -> Key?
    /// Shows a frame (a backend may write only what changed since the last one).
    func draw(_ buffer: CellBuffer)
    /// Forces the next `draw` to repaint everything.
    func invalidate()
    func setMouse(_ on: Bool)
    /// Writes a control sequence (OSC 52) to the terminal as it is, between two frames.
    func writeSequence(_ bytes: [UInt8])
    /// Leaves the screen to a program that needs the terminal ($EDITOR); `resume` comes back.
    func suspend()
    func resume()
    /// Gives the terminal back for good. Safe to call more than once.
    func restore()
}
