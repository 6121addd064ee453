/// One block of the help popup: a title (a pane, or "Global") and its keys.
public struct HelpSection: Sendable, Equatable {
    public var title: String
    public var entries: [(keys: String, text: String)]

    public init(title: String, entries: [(keys: String, text: String)]) {
        self.title = title
        self.entries = entries
    }

    // Tuples are not Equatable, so the conformance is written out.
    public static func == (a: HelpSection, b: HelpSection) -> Bool {
        a.title == b.title && a.entries.elementsEqual(b.entries) { $0.keys == $1.keys && $0.text == $1.text }
    }
}

/// The `?` popup: sections in the order given (the caller puts the focused pane's first),
/// scrolled with the usual keys; `q`, `?` and Esc close it.
public struct HelpModel: Sendable, Equatable {
    public var sections: [HelpSection]
    /// First content row shown; the view clamps it to what the popup can scroll.
    public private(set) var scroll = 0

    public init(sections: [HelpSection]) { self.sections = sections }

    /// Rows of content in one column (titles, entries, a blank between sections).
    public var rowCount: Int { sections.reduce(0) { $0 + $1.entries.count + 1 } + max(0, sections.count - 1) }

    public mutating func perform(_ key: Key, pageSize: Int = 10) -> PopupOutcome {
        switch key {
        case .escape, .char("q"), .char("?"): return .cancelled
        case .down, .char("j"), .ctrl("n"): scroll += 1
        case .up, .char("k"), .ctrl("p"): scroll -= 1
        case .pageDown, .char(" "), .ctrl("d"): scroll += pageSize
        case .pageUp, .ctrl("u"): scroll -= pageSize
        case .home, .char("g"): scroll = 0
        case .end, .char("G"): scroll = rowCount
        default: break
        }
        scroll = max(0, min(scroll, rowCount))
        return .pending
    }
}
