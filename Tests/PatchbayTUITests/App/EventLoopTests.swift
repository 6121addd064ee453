import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The event loop the real workbench runs, driven through `TestBackend`: keys, resizes, saves
/// made elsewhere and run results reach the screen the way they do in a terminal.
@Suite struct EventLoopTests {
    typealias F = AppFixtures

    static func workbench(_ name: String = "text-stats") async throws -> (HeadlessWorkbench, String) {
        let path = try F.tempCopy(name)
        let workbench = HeadlessWorkbench(try F.setup(file: path), width: 100, height: 30, now: F.now)
        await workbench.settle()
        return (workbench, path)
    }

    @Test func runEndsOnQuitAndGivesTheTerminalBack() async throws {
        let (workbench, _) = try await Self.workbench()
        workbench.backend.push(.char("q"))
        let status = await workbench.run()
        #expect(status == 0)
        #expect(workbench.state.quit)
        #expect(workbench.backend.restored)
        #expect(workbench.backend.pendingKeys == 0)
        #expect(workbench.backend.frameCount > 0)
    }

    @Test func aTerminationSignalEndsTheLoopAndGivesTheTerminalBack() async throws {
        let (workbench, _) = try await Self.workbench()
        workbench.terminationSignal = SIGTERM
        workbench.backend.push(.char("q"))  // without the signal the loop would end here, with 0
        let status = await workbench.run()
        #expect(status == 128 + SIGTERM)
        #expect(!workbench.state.quit, "ended by the signal, not by a quit")
        #expect(workbench.backend.pendingKeys == 1)
        #expect(workbench.backend.restored)
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let (workbench, _) = try await Self.workbench()
        #expect(workbench.backend.frame?.width == 100)
        await workbench.resize(width: 70, height: 20)
        #expect(workbench.state.width == 70 && workbench.state.height == 20)
        let frame = try #require(workbench.backend.frame)
        #expect(frame.width == 70 && frame.height == 20)
        #expect(frame.text == workbench.buffer.text)
        await workbench.shutdown()
    }

    @Test func aSaveMadeElsewhereIsTakenWhenNothingChangedHere() async throws {
        let (workbench, path) = try await Self.workbench()
        await workbench.advance(by: 1)  // the loop's first look at the disk: unchanged
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "title: Text statistics", with: "title: Changed elsewhere")
        try #require(changed != text, "the sample's title line moved")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        // The loop looks at the disk about once a second, on its clock.
        await workbench.advance(by: 0.5)
        #expect(workbench.state.graph.title == "Text statistics")
        await workbench.advance(by: 0.6)
        #expect(await workbench.wait { $0.graph.title == "Changed elsewhere" })
        #expect(!workbench.state.editing.document.isModified)
        await workbench.shutdown()
    }

    @Test func aSaveMadeElsewhereOverLocalEditsAsksFirst() async throws {
        let (workbench, path) = try await Self.workbench()
        await workbench.send(.command("add jq"))
        #expect(workbench.state.editing.document.isModified)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\n# touched\n").write(toFile: path, atomically: true, encoding: .utf8)
        await workbench.advance(by: 2)
        guard case .confirm(_, .changedOnDisk)? = workbench.state.popups.stack.last else {
            Issue.record("no question about the file changed on disk")
            return
        }
        #expect(workbench.state.graph["jq"] != nil, "the local edit is kept")
        await workbench.shutdown()
    }

    @Test func aRunsResultReachesTheScreen() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("r"))
        await workbench.type("One two three.")
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.result != nil && !$0.run.active })
        await workbench.settle()
        #expect(workbench.state.run.result?.status == .succeeded)
        let frame = try #require(workbench.backend.frame)
        #expect(frame.text == workbench.buffer.text, "the last frame drawn is the current state")
        #expect(frame.text.contains("Run finished"))
        await workbench.shutdown()
    }
}
