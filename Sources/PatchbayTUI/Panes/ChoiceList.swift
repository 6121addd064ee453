/// One entry of a choice list: what choosing it returns, its name and a short description.
public struct ChoiceItem: Sendable, Hashable {
    public var id: String
    public var title: String
    public var detail: String?

    public init(id: String, title: String, detail: String? = nil) {
        self.id = id
        self.title = title
        self.detail = detail
    }
}

/// A small popup list ("add node: choose kind", "connect: choose port"): typing filters it
/// (best matches first, then the order given), arrows move, Enter chooses, Esc cancels.
public struct ChoiceList: Sendable, Hashable {
    public var title: String
    private var list: FilteredList<ChoiceItem>

    public init(title: String, items: [ChoiceItem]) {
        self.title = title
        list = FilteredList(items, ties: .givenOrder)
    }

    public var items: [ChoiceItem] { list.items }
    public var filter: EditableText { list.query }
    public var matches: [ChoiceItem] { list.matches }
    public var selected: Int { list.selected }
    public var selectedItem: ChoiceItem? { list.selectedItem }

    public mutating func perform(_ key: Key, pageSize: Int = 8) -> PopupOutcome {
        list.perform(key, pageSize: pageSize, homeAndEnd: true)
    }
}

/// Draws a `ChoiceList` as a centred popup: the filter line (when typing) and the items.
public enum ChoiceListView {
    public static func draw(
        _ list: ChoiceList, in bounds: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let itemWidth =
            list.items.map { Popup.width($0.title) + ($0.detail.map { Popup.width($0) + 2 } ?? 0) }.max() ?? 0
        let width = min(bounds.width - 4, max(36, min(70, itemWidth + 4), Popup.width(list.title) + 8))
        let rows = max(1, min(list.matches.count, bounds.height - 8, 12))
        let box = Popup.centered(width: width, height: rows + 4, in: bounds)
        let inner = PaneFrame.draw(
            title: list.title, number: nil, in: box, on: &buffer, focused: true, theme: theme, glyphs: glyphs,
            extra: list.matches.count > rows ? "\(list.selected + 1)/\(list.matches.count)" : nil)
        guard inner.height >= 3 else { return }
        if list.filter.isEmpty {
            buffer.put(" type to filter", x: inner.x, y: inner.y, style: theme.dim, clip: inner)
        } else {
            buffer.put("/", x: inner.x + 1, y: inner.y, style: theme.titleFocused)
            CommandLineView.drawInput(
                list.filter, in: Rect(x: inner.x + 3, y: inner.y, width: inner.width - 4, height: 1), on: &buffer,
                theme: theme)
        }
        buffer.put(
            glyphs.teeRight + String(repeating: glyphs.horizontal, count: box.width - 2) + glyphs.teeLeft, x: box.x,
            y: inner.y + 1, style: theme.borderFocused)
        let area = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        let titleColumn = min(area.width / 2, list.items.map { Popup.width($0.title) }.max() ?? 0)
        ListRows.draw(
            count: list.matches.count, selected: list.selected, in: area, on: &buffer, theme: theme, glyphs: glyphs,
            empty: "nothing matches", titleColumn: titleColumn
        ) { index in
            (list.matches[index].title, list.matches[index].detail, "")
        }
    }
}
