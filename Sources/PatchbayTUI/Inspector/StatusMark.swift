/// A node status as a glyph and a style, the same in the graph, the inspector and the trace.
public enum StatusMark {
    public static func glyph(_ status: NodeStatus, glyphs: Glyphs, spinnerFrame: Int = 0) -> String {
        switch status {
        case .idle: glyphs.idle
        case .ready: glyphs.ready
        case .running:
            glyphs.spinner.isEmpty
                ? "*"
                : glyphs.spinner[((spinnerFrame % glyphs.spinner.count) + glyphs.spinner.count) % glyphs.spinner.count]
        case .done: glyphs.done
        case .cached: glyphs.cached
        case .skipped: glyphs.skipped
        case .failed: glyphs.failed
        case .paused: glyphs.paused
        }
    }

    public static func style(_ status: NodeStatus, theme: Theme) -> Style {
        switch status {
        case .idle: theme.idle
        case .ready: theme.ready
        case .running: theme.running
        case .done: theme.done
        case .cached: theme.cached
        case .skipped: theme.skipped
        case .failed: theme.failed
        case .paused: theme.paused
        }
    }
}
