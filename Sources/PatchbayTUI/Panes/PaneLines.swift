import Foundation
import PatchbayPresentation

/// Text written line under line from the top of a pane, clipped to it: the eval and improve
/// panes' summaries, with the first line both draw for their `PaneRun`.
struct PaneLines {
    let rect: Rect
    /// The next line's row.
    var y: Int

    init(_ rect: Rect) {
        self.rect = rect
        y = rect.y
    }

    /// Rows left below the lines written.
    var remaining: Int { max(0, rect.maxY - y) }

    mutating func put(_ text: String, _ style: Style, on buffer: inout CellBuffer) {
        guard y < rect.maxY else { return }
        buffer.put(text, x: rect.x + 1, y: y, style: style, clip: rect)
        y += 1
    }

    /// Before a job began: "Loading the cases…" while asked for, else `nothingYet` (how to start
    /// one); false once it began (the pane draws the rest).
    mutating func placeholder(_ run: PaneRun, nothingYet: String, theme: Theme, on buffer: inout CellBuffer) -> Bool {
        guard run.id == nil else { return false }
        put(run.starting ? "Loading the cases…" : nothingYet, theme.dim, on: &buffer)
        return true
    }

    /// The job's top line: with the spinner while it runs, how long it ran at the end; `note`
    /// after the time (`(stopped early)`) makes it a warning.
    mutating func status(
        _ run: PaneRun, _ text: String, note: String = "", theme: Theme, glyphs: Glyphs, now: Date, spinnerFrame: Int,
        on buffer: inout CellBuffer
    ) {
        let took = DurationText.compact(max(0, (run.finishedAt ?? now).timeIntervalSince(run.startedAt ?? now)))
        if run.running {
            let spinner = StatusMark.glyph(.running, glyphs: glyphs, spinnerFrame: spinnerFrame)
            put("\(spinner) \(text)  \(took)", theme.running, on: &buffer)
        } else {
            put("\(text)  \(took)\(note)", note.isEmpty ? theme.title : theme.warning, on: &buffer)
        }
    }
}
