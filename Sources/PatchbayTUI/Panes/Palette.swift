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
    private var list: FilteredList<PaletteItem>
    public var title: String

    public init(items: [PaletteItem], title: String = "Commands") {
        list = FilteredList(items, ties: .byTitle)
        self.title = title
    }

    public var items: [PaletteItem] { list.items }
    public var query: EditableText { list.query }
    /// The items that match the query, best first.
    public var matches: [PaletteItem] { list.matches }
    public var selected: Int { list.selected }
    public var selectedItem: PaletteItem? { list.selectedItem }

    public mutating func setQuery(_ text: String) { list.setQuery(text) }

    public mutating func perform(_ key: Key, pageSize: Int = 10) -> PopupOutcome {
        list.perform(key, pageSize: pageSize, homeAndEnd: false)
    }
}
