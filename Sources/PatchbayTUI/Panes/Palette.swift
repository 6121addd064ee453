/// One action in the palette: its id (what choosing it returns), title and bound keys.
public struct PaletteItem: Sendable, Hashable {
    public var id: String
    public var title: String
    public var keys: String

    public init(id: String, title: String, keys: String = "") {
        self.id = id
        self.title = title
        self.keys = keys
    }
}

/// The Ctrl-P palette: every action, filtered as you type (see `FuzzyMatch`), ties by title.
public struct Palette: Sendable, Hashable {
    public private(set) var items: [PaletteItem]
    public private(set) var query = EditableText()
    /// The items that match the query, best first.
    public private(set) var matches: [PaletteItem]
    public private(set) var selected = 0
    public var title: String

    public init(items: [PaletteItem], title: String = "Commands") {
        self.items = items
        self.title = title
        matches = []
        refilter()
    }

    public var selectedItem: PaletteItem? { matches.indices.contains(selected) ? matches[selected] : nil }

    public mutating func setQuery(_ text: String) {
        query.text = text
        refilter()
    }

    public mutating func perform(_ key: Key, pageSize: Int = 10) -> PopupOutcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return selectedItem.map { .chosen($0.id) } ?? .pending
        case .up, .ctrl("p"), .backTab: move(-1)
        case .down, .ctrl("n"), .tab: move(1)
        case .pageUp: move(-pageSize)
        case .pageDown: move(pageSize)
        default:
            let before = query.characters
            if query.perform(key), query.characters != before { refilter() }
        }
        return .pending
    }

    private mutating func move(_ step: Int) {
        guard !matches.isEmpty else { return }
        selected = max(0, min(matches.count - 1, selected + step))
    }

    private mutating func refilter() {
        let titles = items.map(\.title)
        let order = FuzzyMatch.filter(query.text, titles: titles) { titles[$0] != titles[$1] ? titles[$0] < titles[$1] : $0 < $1 }
        matches = order.map { items[$0] }
        selected = 0
    }
}
