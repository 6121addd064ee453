import Foundation
import PatchbayPresentation

/// The bottom row: a spinner while running, the message or the key hints, and the file on the
/// right. When narrow, hints go first, then the right text, then the message is cut.
public enum StatusLineView {
    public static func draw(
        _ status: StatusLineModel, in rect: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row)
        var x = rect.x + 1
        var end = rect.maxX - 1
        if let running = status.running, !glyphs.spinner.isEmpty {
            let spinner = glyphs.spinner[
                ((status.spinnerFrame % glyphs.spinner.count) + glyphs.spinner.count) % glyphs.spinner.count]
            let text =
                "\(spinner) \(running.label) \(DurationText.compact(max(0, status.now.timeIntervalSince(running.since))))"
            x =
                buffer.put(
                    Popup.fit(text, end - x, ellipsis: glyphs.ellipsis), x: x, y: row.y, style: theme.running, clip: row
                ) + 2
        }
        let right = status.right.map(VisibleText.escaped) ?? ""
        let rightWidth = DisplayWidth.of(right)
        if let message = status.message {
            let style: Style =
                switch message.level {
                case .info: theme.info
                case .warning: theme.warning
                case .error: theme.error
                }
            let messageWidth = Popup.width(message.text)
            // The key that shows it whole, when some of it is not on the line.
            let more = status.more.map { "  " + $0 } ?? ""
            let tail = status.detailed || x + messageWidth > end ? more : ""
            let tailWidth = Popup.width(tail)
            if rightWidth > 0, x + messageWidth + tailWidth + 2 + rightWidth <= end {
                buffer.put(right, x: end - rightWidth, y: row.y, style: theme.dim, clip: row)
                end -= rightWidth + 2
            }
            let after = buffer.put(
                Popup.fit(message.text, end - tailWidth - x, ellipsis: glyphs.ellipsis), x: x, y: row.y, style: style,
                clip: row)
            buffer.put(tail, x: after, y: row.y, style: theme.dim, clip: row)
            return
        }
        if rightWidth > 0, x + rightWidth <= end {
            buffer.put(right, x: end - rightWidth, y: row.y, style: theme.dim, clip: row)
            end -= rightWidth + 2
        }
        for (index, hint) in status.hints.enumerated() {
            let gap = index == 0 ? 0 : 2
            let width = Popup.width(hint.key) + 1 + Popup.width(hint.label)
            guard x + gap + width <= end else { break }
            x += gap
            x = buffer.put(hint.key, x: x, y: row.y, style: theme.title, clip: row)
            x = buffer.put(" " + hint.label, x: x, y: row.y, style: theme.dim, clip: row)
        }
    }
}
