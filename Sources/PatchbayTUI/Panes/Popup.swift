import PatchbayPresentation

/// What a key did to a popup (palette, choice list, confirm, help).
public enum PopupOutcome: Sendable, Hashable {
    /// Still open.
    case pending
    /// The user picked the item or option with this id.
    case chosen(String)
    /// Esc (or `q` where nothing is typed): close without choosing.
    case cancelled
}

/// Placement and text fitting shared by the popups.
enum Popup {
    /// A `width`×`height` rect centred in `bounds`, shrunk to fit.
    static func centered(width: Int, height: Int, in bounds: Rect) -> Rect {
        let w = min(width, bounds.width)
        let h = min(height, bounds.height)
        return Rect(x: bounds.x + (bounds.width - w) / 2, y: bounds.y + (bounds.height - h) / 2, width: w, height: h)
    }

    /// Columns `text` takes once drawn (control characters drawn escaped).
    static func width(_ text: String) -> Int { DisplayWidth.of(VisibleText.escaped(text)) }

    /// `text` cut to `columns`, ending in `ellipsis` when cut.
    static func fit(_ text: String, _ columns: Int, ellipsis: String) -> String {
        guard columns > 0 else { return "" }
        let visible = VisibleText.escaped(text)
        if DisplayWidth.of(visible) <= columns { return visible }
        let room = columns - DisplayWidth.of(ellipsis)
        guard room > 0 else { return String(DisplayWidth.prefix(visible, fitting: columns).text) }
        return String(DisplayWidth.prefix(visible, fitting: room).text) + ellipsis
    }

    /// Word-wraps `text` to `columns`; words longer than a line are cut.
    static func wrap(_ text: String, _ columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in VisibleText.escaped(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while DisplayWidth.of(word) > columns {
                    if !line.isEmpty {
                        lines.append(line)
                        line = ""
                    }
                    let head = DisplayWidth.prefix(word, fitting: columns).text
                    lines.append(String(head))
                    word = String(word.dropFirst(head.count))
                }
                if line.isEmpty {
                    line = word
                } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) <= columns {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }
}
