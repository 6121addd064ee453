import PatchbayPresentation

/// Whole-screen notices that replace the panes.
public enum NoticeView {
    /// Clears the buffer and centres "Terminal too small: 50x12 (need 60x16)", wrapped when
    /// even that does not fit.
    public static func tooSmall(
        width: Int, height: Int, minWidth: Int, minHeight: Int, on buffer: inout CellBuffer, theme: Theme = .dark
    ) {
        buffer.fill(buffer.bounds)
        let text = "Terminal too small: \(width)x\(height) (need \(minWidth)x\(minHeight))"
        let lines = Popup.wrap(text, buffer.width)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < buffer.height {
            buffer.put(
                line, x: max(0, (buffer.width - DisplayWidth.of(line)) / 2), y: top + index, style: theme.warning)
        }
    }
}
