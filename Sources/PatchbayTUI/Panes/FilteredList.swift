/// An entry of a filtered list: what choosing it returns, and the text the filter matches.
public protocol ListItem: Sendable, Hashable {
    var id: String { get }
    var title: String { get }
}

extension ChoiceItem: ListItem {}
extension PaletteItem: ListItem {}

/// What the palette and the choice lists share: items filtered as you type (`FuzzyMatch`), a
/// selection moved by arrows and pages, Enter to choose, Esc to cancel.
public struct FilteredList<Item: ListItem>: Sendable, Hashable {
    /// How items that match equally well are ordered.
    public enum Ties: Sendable, Hashable {
        case givenOrder
        case byTitle
    }

    public private(set) var items: [Item]
    public private(set) var query = EditableText()
    /// The items that match the query, best first.
    public private(set) var matches: [Item]
    public private(set) var selected = 0
    private let ties: Ties

    public init(_ items: [Item], ties: Ties) {
        self.items = items
        self.ties = ties
        matches = items
        refilter()
    }

    public var selectedItem: Item? { matches.indices.contains(selected) ? matches[selected] : nil }

    public mutating func setQuery(_ text: String) {
        query.text = text
        refilter()
    }

    /// `homeAndEnd`: Home/End jump to the ends while nothing is typed (else they move the cursor).
    public mutating func perform(_ key: Key, pageSize: Int, homeAndEnd: Bool) -> PopupOutcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return selectedItem.map { .chosen($0.id) } ?? .pending
        case .up, .ctrl("p"), .backTab: move(-1)
        case .down, .ctrl("n"), .tab: move(1)
        case .pageUp: move(-pageSize)
        case .pageDown: move(pageSize)
        case .home where homeAndEnd && query.isEmpty: selected = 0
        case .end where homeAndEnd && query.isEmpty: selected = max(0, matches.count - 1)
        // Typing filters already; a `/` first (the habit from every other list) is not part of it.
        case .char("/") where query.isEmpty: break
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
        let order: [Int] =
            switch ties {
            case .givenOrder: FuzzyMatch.filter(query.text, titles: titles, tieBreak: <)
            case .byTitle:
                FuzzyMatch.filter(query.text, titles: titles) {
                    titles[$0] != titles[$1] ? titles[$0] < titles[$1] : $0 < $1
                }
            }
        matches = order.map { items[$0] }
        selected = 0
    }
}
