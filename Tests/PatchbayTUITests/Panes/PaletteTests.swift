import Testing

@testable import PatchbayTUI

@Suite struct PaletteTests {
    static let items = [
        PaletteItem(id: "run", title: "Run graph", keys: "r"),
        PaletteItem(id: "rerun", title: "Re-run node", keys: "R"),
        PaletteItem(id: "step", title: "Step", keys: "n"),
        PaletteItem(id: "breakpoint", title: "Toggle breakpoint", keys: "b"),
        PaletteItem(id: "layout", title: "Switch layout", keys: ""),
        PaletteItem(id: "trace", title: "Focus trace", keys: "5"),
    ]

    func titles(_ query: String) -> [String] {
        var palette = Palette(items: Self.items)
        palette.setQuery(query)
        return palette.matches.map(\.title)
    }

    /// An action bound in several panes shows each of its keys once (issue 16, item 8): view.up
    /// read `k <Up> k <Up> k <Up>…`, one pair per pane.
    @Test func theWorkbenchPaletteShowsEachKeyOnce() throws {
        let state = try AppFixtures.textStatsState()
        let items = PopupReducer.paletteItems(state)
        #expect(items.first { $0.id == ActionID.scrollUp.rawValue }?.keys == "k <Up>")
        #expect(items.first { $0.id == ActionID.pageDown.rawValue }?.keys == "<PgDn> C-f")
        for item in items {
            let keys = item.keys.split(separator: " ")
            #expect(Set(keys).count == keys.count, "\(item.id) shows a key twice: \(item.keys)")
        }
    }

    /// `/` filters every list (issue 16, item 8): in the palette and the choice lists typing
    /// filters already, so a leading `/` is taken as the start of the filter, not a character of it.
    @Test func aLeadingSlashStartsTheFilter() {
        var palette = Palette(items: Self.items)
        for key: Key in [.char("/"), .char("r"), .char("u")] { _ = palette.perform(key) }
        var typed = Palette(items: Self.items)
        for key: Key in [.char("r"), .char("u")] { _ = typed.perform(key) }
        #expect(palette.query.text == "ru")
        #expect(palette.matches.map(\.id) == typed.matches.map(\.id))
        #expect(!palette.matches.isEmpty)
        // Later, a slash is a character like any other.
        _ = palette.perform(.char("/"))
        #expect(palette.query.text == "ru/")
    }

    @Test func emptyQueryListsAllByTitle() {
        #expect(
            titles("") == ["Focus trace", "Re-run node", "Run graph", "Step", "Switch layout", "Toggle breakpoint"])
    }

    @Test func prefixThenWordStartThenSubsequence() {
        #expect(titles("ru") == ["Run graph", "Re-run node"])
        #expect(titles("tr") == ["Focus trace", "Toggle breakpoint"])
        #expect(titles("s") == ["Step", "Switch layout", "Focus trace"])
        #expect(titles("lay") == ["Switch layout"])
        #expect(titles("sl") == ["Switch layout"])
        #expect(titles("BREAK") == ["Toggle breakpoint"])
        #expect(titles("zz").isEmpty)
    }

    @Test func selectionMovesAndChooses() {
        var palette = Palette(items: Self.items)
        #expect(palette.perform(.down) == .pending)
        _ = palette.perform(.down)
        #expect(palette.selectedItem?.id == "run")
        _ = palette.perform(.up)
        #expect(palette.perform(.enter) == .chosen("rerun"))
        _ = palette.perform(.pageDown)
        #expect(palette.selected == 5)
        // Typing refilters and selects the best match.
        _ = palette.perform(.char("s"))
        _ = palette.perform(.char("t"))
        #expect(palette.selected == 0)
        #expect(palette.perform(.enter) == .chosen("step"))
        _ = palette.perform(.char("q"))
        #expect(palette.matches.isEmpty)
        #expect(palette.perform(.enter) == .pending)
        #expect(palette.perform(.escape) == .cancelled)
    }
}
