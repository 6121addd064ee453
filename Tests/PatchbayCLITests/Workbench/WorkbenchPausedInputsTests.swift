import Foundation
import Testing

/// Inputs changed with `I` while paused show at once (issue 16, item 4): in the inspector and
/// in the form a second `I` opens, before the node has run; then the node runs with them.
@Suite(.serialized)
struct WorkbenchPausedInputsTests {
    static let graph = "text-stats.graph.yaml"

    @Test("I while paused before a node: the inspector and a second I show the new inputs before it runs")
    func editedInputsShowAtOnce() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("goto short_enough")
        try await tmux.waitFor(":goto short_enough")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "short_enough")
        try await tmux.press("b")
        try await tmux.waitFor("Breakpoint before `short_enough`")

        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("One two three.")
        try await tmux.press("Enter")
        try await tmux.waitForAll(["Paused before `short_enough`", "Inputs (paused)", #""words": 3"#])

        try await tmux.press("I")
        try await tmux.waitFor("Inputs of `short_enough`")
        try await tmux.press("C-u")
        try await tmux.type(#"{"words": 99, "sentences": 1, "characters": 14}"#)
        try await tmux.press("Enter")
        // Before the node runs: the inspector shows what it will run with.
        let changed = try await tmux.waitForAll(["Inputs changed", "Inputs (paused)", #""words": 99"#])
        #expect(!changed.contains(#""words": 3"#), "the old inputs are still shown:\n\(changed)")

        try await tmux.press("I")
        let form = try await tmux.waitFor("Inputs of `short_enough`")
        #expect(
            form.contains(#""words":99"#) || form.contains(#""words": 99"#), "the form has the old inputs:\n\(form)")
        try await tmux.press("Escape")
        try await tmux.waitForAbsence(of: "Inputs of `short_enough`")

        // The node runs with them: 99 words is too long, so the warning branch runs.
        try await tmux.press("c")
        try await tmux.waitForAll(["Run finished", "✓ warning"])
    }
}
