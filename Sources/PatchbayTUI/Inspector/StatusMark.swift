import PatchbayPresentation

/// A node status as a glyph and a style, the same in the graph, the inspector and the trace.
/// Glyphs and colour roles come from `NodeStatus.symbol`; only the spinner is the workbench's.
public enum StatusMark {
    public static func glyph(_ status: NodeStatus, glyphs: Glyphs, spinnerFrame: Int = 0) -> String {
        guard status == .running, !glyphs.spinner.isEmpty else { return glyphs.status(status) }
        return glyphs.spinner[((spinnerFrame % glyphs.spinner.count) + glyphs.spinner.count) % glyphs.spinner.count]
    }

    public static func style(_ status: NodeStatus, theme: Theme) -> Style { theme.style(status.role) }
}
