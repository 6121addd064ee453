import PatchbayPresentation
import Testing

@testable import PatchbayTUI

@Suite struct GlyphsTests {
    /// A spinner frame or a node mark that is also a status glyph would say two things at once
    /// (the ASCII skipped glyph was `/`, a spinner frame).
    @Test(arguments: [Glyphs.unicode, Glyphs.ascii])
    func statusGlyphsAreNeitherSpinnerFramesNorMarks(_ glyphs: Glyphs) {
        let statuses = NodeStatus.allCases.map(glyphs.status)
        #expect(Set(statuses).count == NodeStatus.allCases.count, "\(statuses)")
        let others = Set(glyphs.spinner + [glyphs.breakpoint, glyphs.subgraph])
        #expect(others.isDisjoint(with: statuses), "\(statuses) \(others)")
    }

    @Test func eachSetDrawsItsOwnStatusGlyphs() {
        #expect(Glyphs.unicode.status(.skipped) == "↷")
        #expect(Glyphs.ascii.status(.skipped) == "_")
        #expect(StatusMark.glyph(.running, glyphs: .ascii, spinnerFrame: 5) == "/")
    }

    @Test func everyRoleHasAStyleInEveryTheme() {
        #expect(Theme.dark.style(NodeStatus.failed.role) == Theme.dark.failed)
        #expect(Theme.monochrome.style(NodeStatus.cached.role) == Theme.monochrome.cached)
        #expect(Theme.dark.style(NodeStatus.interrupted.role) == Theme.dark.warning)
    }
}
