import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Whole screens through the headless workbench, at 80×24 and 120×40. Screens after a run are
/// drawn from the workbench's state with the run made stable (`AppFixtures.stable`: plan
/// order, fixed durations) by the same `Screen` that draws `HeadlessWorkbench.buffer`.
@Suite struct ScreenSnapshotTests {
    typealias F = AppFixtures

    static let sizes = [(80, 24), (120, 40)]
    static let text = "Patchbay wires small steps together. It runs them in order!"

    static func open(_ path: String, width: Int, height: Int, glyphs: Glyphs = .unicode) async throws
        -> HeadlessWorkbench
    {
        let workbench = HeadlessWorkbench(
            try F.setup(file: path, glyphs: glyphs), width: width, height: height, now: F.now)
        await workbench.settle()
        return workbench
    }

    /// The sample under a fixed path, so screens that name the file are the same in every checkout.
    static func textStats(width: Int, height: Int, glyphs: Glyphs = .unicode) async throws -> HeadlessWorkbench {
        let document = try F.textStats()
        let setup = F.setup(
            document.graph, path: "/project/text-stats.graph.yaml", fingerprint: document.fingerprint, glyphs: glyphs)
        let workbench = HeadlessWorkbench(setup, width: width, height: height, now: F.now)
        await workbench.settle()
        #expect(workbench.state.editing.problems.isEmpty)
        return workbench
    }

    /// text-stats after a run of `text`, with `node` selected.
    static func afterRun(width: Int, height: Int, select node: String, glyphs: Glyphs = .unicode) async throws
        -> HeadlessWorkbench
    {
        let workbench = try await textStats(width: width, height: height, glyphs: glyphs)
        await workbench.press(.char("r"))
        await workbench.type(text)
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.result != nil && !$0.run.active })
        await find(workbench, node)
        return workbench
    }

    static func find(_ workbench: HeadlessWorkbench, _ node: String) async {
        await workbench.press(.char("/"))
        await workbench.type(node)
        await workbench.press(.enter)
        #expect(workbench.state.editing.selection == node)
    }

    static func command(_ workbench: HeadlessWorkbench, _ line: String) async {
        await workbench.press(.char(":"))
        await workbench.type(line)
        await workbench.press(.enter)
    }

    /// What the terminal shows, with the run's timing fixed.
    static func stableBuffer(_ workbench: HeadlessWorkbench) -> CellBuffer {
        Screen().render(F.stable(workbench.state))
    }

    // MARK: Layouts after a run

    @Test(arguments: sizes)
    func defaultLayoutAfterARun(width: Int, height: Int) async throws {
        let workbench = try await Self.afterRun(width: width, height: height, select: "stats")
        Snapshot.expect(Self.stableBuffer(workbench), named: "screen-default-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func debugLayoutAfterARun(width: Int, height: Int) async throws {
        let workbench = try await Self.afterRun(width: width, height: height, select: "stats")
        await Self.command(workbench, "layout debug")
        #expect(workbench.state.layoutName == "debug")
        Snapshot.expect(Self.stableBuffer(workbench), named: "screen-debug-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func promptLayoutAfterARun(width: Int, height: Int) async throws {
        let workbench = try await Self.afterRun(width: width, height: height, select: "report")
        await Self.command(workbench, "layout prompt")
        #expect(workbench.state.layoutName == "prompt")
        Snapshot.expect(Self.stableBuffer(workbench), named: "screen-prompt-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test func asciiGlyphs() async throws {
        let workbench = try await Self.afterRun(width: 120, height: 40, select: "stats", glyphs: .ascii)
        await Self.command(workbench, "layout debug")
        let buffer = Self.stableBuffer(workbench)
        Snapshot.expect(buffer, named: "screen-ascii-debug-120x40")
        #expect(buffer.text.unicodeScalars.allSatisfy { $0.isASCII }, "nothing but ASCII on the screen")
        await workbench.shutdown()
    }

    // MARK: Overlays

    @Test(arguments: sizes)
    func help(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.char("?"))
        Snapshot.expect(workbench.buffer, named: "screen-help-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func palette(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.ctrl("p"))
        await workbench.type("run")
        Snapshot.expect(workbench.buffer, named: "screen-palette-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func commandLineCompletion(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.char(":"))
        await workbench.type("layout ")
        await workbench.press(.tab)
        Snapshot.expect(workbench.buffer, named: "screen-command-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func addNodeChoice(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.char("a"))
        Snapshot.expect(workbench.buffer, named: "screen-add-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func inputsForm(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.char("r"))
        await workbench.type("Short text. Two sentences!")
        Snapshot.expect(workbench.buffer, named: "screen-inputs-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func unsavedQuitConfirm(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        await workbench.press(.char("d"), .char("q"))
        #expect(F.top(workbench.state) == "confirm")
        Snapshot.expect(workbench.buffer, named: "screen-quit-\(width)x\(height)")
        await workbench.shutdown()
    }

    // MARK: Runs that stop or fail, graphs with problems

    @Test(arguments: sizes)
    func pausedAtABreakpoint(width: Int, height: Int) async throws {
        let workbench = try await Self.textStats(width: width, height: height)
        // Before `stats`, only `text` has run: the same steps on every machine.
        await Self.find(workbench, "stats")
        await workbench.press(.char("b"))
        await Self.command(workbench, "layout debug")
        await workbench.press(.char("r"))
        await workbench.type(Self.text)
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.pause != nil })
        #expect(workbench.state.run.pause?.reason == .breakpoint)
        Snapshot.expect(Self.stableBuffer(workbench), named: "screen-paused-\(width)x\(height)")
        await workbench.press(.char("c"))
        #expect(await workbench.wait { $0.run.result != nil })
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func failedNode(width: Int, height: Int) async throws {
        let workbench = try await Self.open(
            try F.write(F.failing, named: "failing.graph.yaml"), width: width, height: height)
        await Self.command(workbench, "layout debug")
        await workbench.press(.char("r"))
        await workbench.type("hello")
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.result != nil && !$0.run.active })
        #expect(workbench.state.run.result?.status == .failed)
        #expect(workbench.state.run.statuses["count"] == .failed)
        await Self.find(workbench, "count")
        Snapshot.expect(Self.stableBuffer(workbench), named: "screen-failed-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test(arguments: sizes)
    func nodeWithProblems(width: Int, height: Int) async throws {
        let workbench = try await Self.open(
            try F.write(F.invalid, named: "broken.graph.yaml"), width: width, height: height)
        #expect(!workbench.state.editing.problems.isEmpty)
        #expect(workbench.state.editing.problems.contains { $0.node == "upper" })
        await Self.find(workbench, "upper")
        Snapshot.expect(workbench.buffer, named: "screen-problems-\(width)x\(height)")
        await workbench.shutdown()
    }

    @Test func tooSmall() async throws {
        let workbench = try await Self.textStats(width: 80, height: 24)
        await workbench.resize(width: 50, height: 12)
        Snapshot.expect(workbench.buffer, named: "screen-toosmall-50x12")
        await workbench.shutdown()
    }

    /// A layout's minimum is the terminal's size: at exactly 60x16 the default layout draws its
    /// panes (it used to say "Terminal too small: 60x16 (need 60x16)"), one row less is too small.
    @Test func theMinimumSizeIsTheTerminals() async throws {
        let workbench = try await Self.textStats(width: 80, height: 24)
        await workbench.resize(width: 60, height: 16)
        #expect(!workbench.buffer.text.contains("Terminal too small"))
        #expect(workbench.buffer.text.contains("[1] Graph"))
        await workbench.resize(width: 60, height: 15)
        #expect(workbench.buffer.text.contains("Terminal too small: 60x15 (need 60x16)"))
        await workbench.shutdown()
    }
}
