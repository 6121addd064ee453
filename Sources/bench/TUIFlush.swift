import Foundation
import PatchbayCore
import PatchbayTUI

/// The real flush cost without a terminal: curses writes into a scratch file instead of a tty
/// (stdout is pointed there while curses is up; the table goes to the saved stdout), so the
/// figure is ncurses' diffing and escape-sequence output, not a terminal emulator's drawing.
@MainActor
enum TUIFlush {
    static func run(_ table: TUITable) -> TUITable {
        var table = table
        // Frames a person would see moving through the 500-node graph, made before curses starts.
        let frames = keystrokeFrames(count: 201)
        let scratch = NSTemporaryDirectory() + "patchbay-bench-flush-\(getpid()).out"
        defer { unlink(scratch) }
        let file = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else {
            table.note("flush: skipped (cannot create \(scratch))")
            return table
        }
        fflush(nil)
        let savedOut = dup(STDOUT_FILENO)
        dup2(file, STDOUT_FILENO)
        close(file)
        setenv("LINES", "40", 1)
        setenv("COLUMNS", "120", 1)
        if ProcessInfo.processInfo.environment["TERM"].map({ $0.isEmpty || $0 == "dumb" }) ?? true {
            setenv("TERM", "xterm-256color", 1)
        }

        let terminal = NcursesTerminal(mouse: false, useColor: true)
        let size = terminal.size
        // A full repaint of a screen with the graph drawn (the first frame's viewport is blank).
        let busy = frames[frames.count - 1]
        terminal.draw(busy)
        let full = TUISamples.time(20) {
            terminal.invalidate()
            terminal.draw(busy)
        }
        let fullBytes = bytesWritten(scratch) {
            terminal.invalidate()
            terminal.draw(busy)
        }
        terminal.draw(frames[0])
        var index = 1
        var bytes = 0
        let changed = TUISamples.time(frames.count - 1) {
            bytes += bytesWritten(scratch) { terminal.draw(frames[index]) }
            index += 1
        }
        terminal.restore()
        fflush(nil)
        dup2(savedOut, STDOUT_FILENO)
        close(savedOut)

        guard size == (120, 40) else {
            table.note("flush: skipped (curses came up \(size.width)x\(size.height), not 120x40)")
            return table
        }
        table.row("flush to curses, full repaint, 120x40", full, target: 16, detail: "\(fullBytes) bytes")
        table.row(
            "flush to curses after key j, 500 nodes, 120x40", changed, target: 16,
            detail: "\(bytes / Swift.max(1, changed.values.count)) bytes a frame")
        return table
    }

    /// Screens after successive `j`/`k` presses on the 500-node graph (the selection, the
    /// inspector and the status line change between them).
    static func keystrokeFrames(count: Int) -> [CellBuffer] {
        var state = AppState(
            document: DocumentState(graph: TUIGraphs.layered(count: 500), path: "layered.graph.yaml", fingerprint: nil),
            width: 120,
            height: 40, now: Date(timeIntervalSince1970: 1_800_000_000), layouts: LayoutCatalog.builtIn)
        let screen = Screen()
        var frames = [screen.render(state)]
        var key = Key.char("j")
        while frames.count < count {
            let before = state.editing.selection
            _ = AppReducer.reduce(&state, .key(key))
            if state.editing.selection == before { key = key == .char("j") ? .char("k") : .char("j") }
            frames.append(screen.render(state))
        }
        return frames
    }

    private static func bytesWritten(_ path: String, _ body: () -> Void) -> Int {
        let before = fileSize(path)
        body()
        fflush(nil)
        return fileSize(path) - before
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
