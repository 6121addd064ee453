import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The status line says why nothing moves: while the local model's server starts (15–20 s
/// cold), and while a run in flight is cancelled on quit.
@Suite struct StartingAndStoppingTests {
    typealias F = AppFixtures

    @Test func theStatusLineSaysTheLocalModelIsStartingUntilItIsUp() async throws {
        let path = try F.tempCopy("text-stats")
        var setup = try F.setup(file: path)
        let (starts, continuation) = AsyncStream.makeStream(of: Bool.self)
        setup.localModelStarts = starts
        let workbench = HeadlessWorkbench(setup, width: 100, height: 30, now: F.now)
        await workbench.settle()
        continuation.yield(true)
        #expect(await workbench.wait { $0.run.localModelStarting })
        await workbench.advance(by: 0.2)
        #expect(workbench.backend.text.contains("starting local model…"), "\(workbench.backend.text)")
        continuation.yield(false)
        #expect(await workbench.wait { !$0.run.localModelStarting })
        await workbench.advance(by: 0.2)
        #expect(!workbench.backend.text.contains("starting local model"), "\(workbench.backend.text)")
    }

    @Test func quittingWithARunInFlightSaysStoppingUntilItIsCancelled() async throws {
        let folder = try F.tempDirectory()
        let path = folder.appendingPathComponent("spin.graph.yaml").path
        try """
        patchbay: 1
        nodes:
          v: { kind: input }
          spin: { kind: jq, jq: "last(repeat(1))" }
          out: { kind: output }
        wires:
          - v -> spin
          - spin -> out
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let workbench = HeadlessWorkbench(try F.setup(file: path), width: 100, height: 30, now: F.now)
        await workbench.settle()
        await workbench.press(.char("r"))
        await workbench.type("1")
        // Pushed, not pressed: `press` would wait for the run to end, and this one never does.
        workbench.backend.push(.enter)
        #expect(await workbench.wait { $0.run.active })
        workbench.backend.push(.char("q"))
        let status = await workbench.run()
        #expect(status == 0)
        // The last frame before the terminal was given back.
        #expect(workbench.backend.text.contains("Stopping…"), "\(workbench.backend.text)")
        #expect(workbench.backend.restored)
    }
}
