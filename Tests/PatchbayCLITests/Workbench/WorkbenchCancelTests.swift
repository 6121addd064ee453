import Foundation
import Testing

/// Issue 11: a runaway jq node (`last(repeat(1))`) in the real workbench under tmux. Ctrl-C
/// used to show "Cancelling the run…" forever, and `q` and SIGTERM never ended the app.
@Suite(.serialized)
struct WorkbenchCancelTests {
    /// Opens the spin graph and starts a run; returns once the jq node has been running 300 ms.
    static func startSpinning() async throws -> TmuxSession {
        let tmux = try await TmuxSession(graph: "spin.graph.yaml", files: ["spin.graph.yaml": JqCancelTests.spinGraph])
        try await tmux.waitFor("[1] Graph")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("1")
        try await tmux.press("Enter")
        try await Task.sleep(for: .milliseconds(300))
        return tmux
    }

    @Test("Ctrl-C cancels a runaway jq node within a second, and the app goes on")
    func ctrlCCancelsARunawayJqNode() async throws {
        let tmux = try await Self.startSpinning()
        defer { tmux.close() }
        let clock = ContinuousClock()
        let pressed = clock.now
        try await tmux.press("C-c")
        let screen = try await tmux.waitFor("Run cancelled")
        let took = clock.now - pressed
        #expect(took < .seconds(1), "the run ended \(took) after Ctrl-C")
        #expect(!screen.contains("Cancelling the run"), "\(screen)")
        try await tmux.press("?")
        try await tmux.waitFor("─ Help ─")
    }

    @Test("q while a runaway jq node runs quits within a second and restores the terminal")
    func quitDuringARunawayJqNode() async throws {
        let tmux = try await Self.startSpinning()
        defer { tmux.close() }
        let clock = ContinuousClock()
        let pressed = clock.now
        try await tmux.press("q")
        try await tmux.waitFor("EXITED:")
        #expect(clock.now - pressed < .milliseconds(1500), "the app ended \(clock.now - pressed) after q")
        #expect(try await tmux.paneFormat("#{alternate_on}") == "0", "still on the alternate screen")
    }

    @Test("SIGTERM while a runaway jq node runs ends the app with 143 and restores the terminal")
    func sigtermDuringARunawayJqNode() async throws {
        let tmux = try await Self.startSpinning()
        defer { tmux.close() }
        let pid = try await tmux.patchbayPID()
        let clock = ContinuousClock()
        let sent = clock.now
        #expect(kill(pid, SIGTERM) == 0)
        try await tmux.waitFor("EXITED:143")
        #expect(clock.now - sent < .milliseconds(1500), "the app ended \(clock.now - sent) after SIGTERM")
        #expect(try await tmux.paneFormat("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try await tmux.paneFormat("#{cursor_flag}") == "1", "the cursor is still hidden")
    }
}
