import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The loop writes a copy to the terminal as an OSC 52 sequence of its own, between frames.
@Suite struct CopyLoopTests {
    typealias F = AppFixtures

    @Test func yInThePromptPaneWritesTheSequenceBetweenFrames() async throws {
        let path = try F.tempCopy("text-stats")
        let workbench = HeadlessWorkbench(try F.setup(file: path), width: 100, height: 30, now: F.now)
        await workbench.settle()
        await workbench.send(.command("goto report"))
        for _ in 0..<8 where workbench.state.focus != .prompt { await workbench.press(.tab) }
        try #require(workbench.state.focus == .prompt)
        let frames = workbench.backend.frameCount
        #expect(workbench.backend.sequences.isEmpty)

        await workbench.press(.char("y"))
        let template = "{{s.words}} words, {{s.sentences}} sentences, {{s.characters}} characters."
        let written = try #require(workbench.backend.sequences.first)
        #expect(workbench.backend.sequences.count == 1)
        // Plain OSC 52 first (then, inside tmux, the same wrapped for its passthrough).
        #expect(written.starts(with: ClipboardSequence.osc52(template)))
        #expect(!String(decoding: written, as: UTF8.self).contains("words"), "the text goes out as base64")
        #expect(workbench.backend.frameCount > frames)
        #expect(workbench.backend.text.contains("Copied \(template.utf8.count) bytes"))
        await workbench.shutdown()
    }
}
