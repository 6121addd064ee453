import Foundation
import Testing

/// `y` copies with OSC 52 (issue 16, "Copy any value"): under tmux with `set-clipboard on`, the
/// copied text lands in tmux's paste buffer, as it would on the terminal's clipboard outside.
@Suite(.serialized)
struct WorkbenchClipboardTests {
    static let graph = "text-stats.graph.yaml"

    @Test("y copies the prompt, then a step's output, into tmux's buffer by OSC 52")
    func copiesReachTmuxsBuffer() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        // tmux 3.3 ignores an application's OSC 52 unless told to take it.
        try await tmux.command("set-option", "-g", "set-clipboard", "on")
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("goto report")
        try await tmux.waitFor(":goto report")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "report")

        // The prompt pane: its template.
        let template = "{{s.words}} words, {{s.sentences}} sentences, {{s.characters}} characters."
        try await tmux.press("3")
        try await tmux.press("y")
        try await tmux.waitFor("Copied \(template.utf8.count) bytes: `report`'s template")
        #expect(try await tmux.command("show-buffer") == template)

        // After a run, the trace's selected step: its output text.
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("One two three. Four!")
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")
        try await tmux.press(":")
        try await tmux.type("layout debug")
        try await tmux.press("Enter")
        try await tmux.waitFor("Trace (8)")
        try await tmux.command("delete-buffer")
        // The trace follows the run to its last step, `summary`.
        let output = "4 words, 2 sentences, 20 characters."
        try await tmux.press("2")
        try await tmux.press("y")
        try await tmux.waitFor("Copied \(output.utf8.count) bytes: `summary`.value")
        #expect(try await tmux.command("show-buffer") == output)
    }
}
