import Foundation
import Testing

@testable import PatchbayTUI

/// Each built-in layout solved and framed, the first pane focused, a status line below.
@Suite struct LayoutSnapshotTests {
    static func screen(_ name: String, width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard let spec = LayoutCatalog.builtIn[name] else { return buffer }
        let result = LayoutSolver.solve(
            spec, in: Rect(x: 0, y: 0, width: width, height: height - 1), zoomed: nil, adjustments: [:])
        for (index, pane) in result.panes.enumerated() {
            let inner = PaneFrame.draw(
                title: pane.id.title, number: result.number(of: pane.id), in: pane.rect, on: &buffer,
                focused: index == 0, theme: .dark, glyphs: .unicode, extra: pane.id == .inspector ? "wrap" : nil)
            buffer.put(pane.rect.description, x: inner.x + 1, y: inner.y, style: .plain, clip: inner)
        }
        let status = StatusLineModel(
            hints: [("r", "run"), ("n", "step"), ("c", "continue"), ("b", "break"), ("?", "help")],
            right: "summarize.yaml [+]")
        StatusLineView.draw(
            status, in: Rect(x: 0, y: height - 1, width: width, height: 1), on: &buffer, theme: .dark, glyphs: .unicode)
        return buffer
    }

    @Test(arguments: ["default", "debug", "prompt"])
    func layouts(name: String) {
        Snapshot.expect(Self.screen(name, width: 80, height: 24), named: "layout-\(name)-80x24")
        Snapshot.expect(Self.screen(name, width: 120, height: 40), named: "layout-\(name)-120x40")
    }

    @Test func focusedFrameUsesTheFocusedStyles() {
        let buffer = Self.screen("default", width: 80, height: 24)
        #expect(buffer[0, 0].style == Theme.dark.borderFocused)
        #expect(buffer[3, 0].style == Theme.dark.titleFocused)
        #expect(buffer[44, 0].style == Theme.dark.border)
        #expect(buffer[47, 0].style == Theme.dark.title)
    }
}
