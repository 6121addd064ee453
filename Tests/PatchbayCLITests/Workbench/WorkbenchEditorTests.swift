import Foundation
import Testing

/// `e` hands the terminal to a real editor and takes it back (issue 16, item 1): the editor runs
/// in the terminal's foreground process group, so a terminal editor such as `vi` can read keys
/// (one in a process group of its own was stopped by SIGTTIN/SIGTTOU and the workbench hung).
@Suite(.serialized)
struct WorkbenchEditorTests {
    static let graph = "text-stats.graph.yaml"

    /// `$EDITOR` with arguments, one holding spaces: prepends its first argument to the file,
    /// then becomes `vi` on it (still in the terminal's foreground group).
    static let prepend = """
        { printf '%s ' "$1"; cat "$2"; } > "$2.new" && cat "$2.new" > "$2" && rm "$2.new"
        exec vi "$2"

        """

    @Test("e with $EDITOR and $VISUAL unset runs vi: typed text and :wq change the prompt; u undoes it")
    func realVi() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await viSteps() } catch { Issue.record("\(error)") }
    }

    func viSteps() async throws {
        // Empty is unset (and keeps the test runner's own editor out).
        let tmux = try await TmuxSession(graph: Self.graph, environment: ["EDITOR": "", "VISUAL": ""])
        defer { tmux.close() }
        try await openPrompt(tmux)

        try await tmux.press("e")
        try await waitForVi(showing: "{{s.words}} words,", tmux)
        try await tmux.press("I")
        try await tmux.type("Typed in vi. ")
        try await tmux.waitFor("Typed in vi. {{s.words}}")
        try await tmux.press("Escape")
        try await writeAndQuit(tmux)

        try await tmux.waitForAll(["[1] Graph", "[3] Prompt", "Typed in vi. {{s.words}} words"])
        try await tmux.press("u")
        let undone = try await tmux.waitForAbsence(of: "Typed in vi.")
        #expect(undone.contains("{{s.words}} words"), "the prompt is gone after undo:\n\(undone)")
        // Still answering keys, and nothing of the editor was left on the screen.
        try await tmux.press("q")
        try await tmux.waitFor("EXITED:0")
    }

    @Test("e with $EDITOR holding arguments (quoted, with spaces) runs it through the shell, as git does")
    func editorWithArguments() async throws {
        do { try await argumentSteps() } catch { Issue.record("\(error)") }
    }

    func argumentSteps() async throws {
        let tmux = try await TmuxSession(
            graph: Self.graph, files: ["prepend.sh": Self.prepend],
            environment: ["EDITOR": "sh prepend.sh 'Tagged by the editor.'", "VISUAL": ""])
        defer { tmux.close() }
        try await openPrompt(tmux)

        try await tmux.press("e")
        try await waitForVi(showing: "Tagged by the editor. {{s.words}} words,", tmux)
        try await writeAndQuit(tmux)

        try await tmux.waitForAll(["[3] Prompt", "Tagged by the editor. {{s.words}} words"])
        try await tmux.press("u")
        try await tmux.waitForAbsence(of: "Tagged by the editor.")
    }

    // MARK: Helpers

    /// Selects `report` and focuses the prompt pane on its template.
    private func openPrompt(_ tmux: TmuxSession) async throws {
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("goto report")
        try await tmux.waitFor(":goto report")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "report")
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "report.template")
    }

    /// vi owns the screen: the file's text on the first row, none of the workbench.
    private func waitForVi(showing first: String, _ tmux: TmuxSession) async throws {
        try await tmux.waitUntil("vi showing `\(first)` on its first row") { screen in
            screen.hasPrefix(first) && !screen.contains("[1] Graph")
        }
    }

    /// `:wq`, sent once vi shows it on its command line (an Escape just before could otherwise
    /// be read with the `:` as one key).
    private func writeAndQuit(_ tmux: TmuxSession) async throws {
        try await tmux.type(":wq")
        try await tmux.waitFor(":wq")
        try await tmux.press("Enter")
    }
}
