import Foundation
import Testing

/// The real `patchbay GRAPH` workbench in a real terminal (tmux): open, edit, save, add and wire,
/// run and step, resize, quit paths and signals. Only `text-stats` (no model) is used. Every
/// step waits for what it caused to show before the next key, so nothing depends on timing.
@Suite(.serialized)
struct WorkbenchEndToEndTests {
    static let graph = "text-stats.graph.yaml"

    @Test("opens at 120x40 with the graph, shows help (Graph keys first), and q restores the terminal")
    func openHelpQuit() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        // The graph pane's title and every node id (each drawn idle): the check's port names sit
        // beside their arrows, so the output nodes fit at 120x40 too.
        let ids = ["text", "stats", "short_enough", "report", "warning", "verdict", "summary", "counts"]
        try await tmux.waitForAll(["[1] Graph \(Self.graph)", "[2] Inspector"] + ids.map { "○ \($0)" })
        #expect(try await tmux.paneFormat("#{alternate_on}") == "1")

        try await tmux.press("?")
        // The first section under the title is the focused pane's: the graph's.
        try await tmux.waitUntil("the help with the Graph keys first, then the global keys") { screen in
            Self.firstLine(after: "─ Help ─", in: screen)?.hasPrefix("Graph") == true && screen.contains("Everywhere")
        }

        try await tmux.press("q")
        let closed = try await tmux.waitForAbsence(of: "─ Help ─")
        #expect(closed.contains("[1] Graph"), "q closed the app, not the help:\n\(closed)")
        #expect(!closed.contains("EXITED"))

        try await tmux.press("q")
        let after = try await tmux.waitFor("EXITED:0")
        try await expectRestored(after, tmux)
    }

    @Test("edits a template in the prompt pane and saves only that line; the file still validates")
    func editPromptAndSave() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        let file = tmux.graphs.appendingPathComponent(Self.graph)
        let original = try String(contentsOf: file, encoding: .utf8)
        try await tmux.waitFor("[1] Graph")

        try await goto("report", tmux)
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "report.template")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Typed in tmux. ")
        try await tmux.waitFor("Typed in tmux.")
        try await tmux.press("Escape")
        try await tmux.waitForAbsence(of: "(editing)")
        try await tmux.press("C-s")
        try await tmux.waitFor("Saved \(Self.graph)")

        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("Typed in tmux. {{s.words}} words"), "the typed text is not in the file:\n\(saved)")
        let before = original.split(separator: "\n", omittingEmptySubsequences: false)
        let now = saved.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == now.count, "saving changed the number of lines:\n\(saved)")
        let changed = zip(before, now).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed.count == 1, "lines changed: \(changed)\n\(saved)")
        if let line = changed.first {
            #expect(now[line].hasPrefix("  report:"), "the changed line is not report's: \(now[line])")
        }

        let validate = try await CLI.run(["validate", file.path], in: tmux.graphs)
        #expect(validate.status == 0, "\(validate)")
    }

    @Test("adds a template node, sets its template, wires stats to it and saves")
    func addAndWire() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        let file = tmux.graphs.appendingPathComponent(Self.graph)
        try await tmux.waitFor("[1] Graph")

        try await tmux.press("a")
        try await tmux.waitFor("Add node: choose its kind")
        try await tmux.type("template")
        try await tmux.waitUntil("the kind list filtered to `template`") {
            $0.contains("/ template") && !$0.contains("parse-json")
        }
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "template")

        try await command("set template Count: {{n}}", tmux)
        try await tmux.waitFor("Set `template.template`")
        try await goto("stats", tmux)

        try await tmux.press("o")
        try await tmux.waitFor("choose an output port")
        try await tmux.press("Enter")
        try await tmux.waitForAll(["choose an input port", "template.n"])
        try await tmux.type("template.n")
        try await tmux.waitUntil("the port list filtered to `template.n`") {
            $0.contains("/ template.n") && !$0.contains("verdict.values")
        }
        try await tmux.press("Enter")
        try await tmux.waitFor("to `template.n`")
        try await tmux.press("C-s")
        try await tmux.waitFor("Saved \(Self.graph)")

        let saved = try String(contentsOf: file, encoding: .utf8)
        let lines = saved.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("  template:") && $0.contains("kind: template") && $0.contains("Count: {{n}}")
            },
            "the new node is not in the file:\n\(saved)")
        #expect(
            lines.contains("  - stats -> template.n") || lines.contains("  - stats.value -> template.n"),
            "the new wire is not in the file:\n\(saved)")
        let validate = try await CLI.run(["validate", file.path], in: tmux.graphs)
        #expect(validate.status == 0, "\(validate)")
    }

    @Test("runs from the inputs form, steps node by node, continues, and stops at a breakpoint")
    func runStepAndBreak() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")

        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("Hello there. How are you?")
        try await tmux.waitFor("Hello there. How are you?")
        try await tmux.press("Enter")
        // Every node that ran is drawn done; `warning` (its branch not taken) is not.
        let ran = ["text", "stats", "short_enough", "report", "verdict", "summary", "counts"]
        let finished = try await tmux.waitForAll(["Run finished"] + ran.map { "✓ \($0)" })
        #expect(!finished.contains("✓ warning"))

        try await tmux.press("n")
        try await tmux.waitFor("Run inputs")
        try await tmux.press("Enter")
        try await tmux.waitFor("Paused before `text`")
        try await tmux.press("n")
        try await tmux.waitFor("Paused before `stats`")
        try await tmux.press("c")
        try await tmux.waitFor("Run finished")

        try await goto("report", tmux)
        try await tmux.press("b")
        try await tmux.waitFor("Breakpoint before `report`")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.press("Enter")
        try await tmux.waitFor("Paused before `report`")
    }

    @Test("redraws on resize: 120x40, 80x24, too small at 40x10, then 100x30")
    func resize() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")

        try await tmux.resize(width: 80, height: 24)
        var screen = try await tmux.waitUntil("the 80x24 layout") { Self.framed($0, rows: 24, width: 80) }
        #expect(screen.contains("[2] Inspector"))

        try await tmux.resize(width: 40, height: 10)
        // Nothing of the panes is left behind the notice.
        try await tmux.waitUntil("only the too-small notice") {
            $0.contains("Terminal too small") && !$0.contains("[1] Graph") && !$0.contains("│")
        }

        try await tmux.resize(width: 100, height: 30)
        screen = try await tmux.waitUntil("the 100x30 layout") { Self.framed($0, rows: 30, width: 100) }
        #expect(!screen.contains("Terminal too small"))
        #expect(screen.contains("[2] Inspector"))
    }

    @Test("q with unsaved changes asks; n keeps the app, y quits without saving")
    func unsavedQuit() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        let file = tmux.graphs.appendingPathComponent(Self.graph)
        let original = try Data(contentsOf: file)
        try await tmux.waitFor("[1] Graph")

        try await command("set description x", tmux)
        try await tmux.waitFor("Set `text.description`")
        try await tmux.press("q")
        try await tmux.waitFor("Unsaved changes")
        try await tmux.press("n")
        let kept = try await tmux.waitForAbsence(of: "Unsaved changes")
        #expect(kept.contains("[1] Graph") && !kept.contains("EXITED"))

        try await tmux.press("q")
        try await tmux.waitFor("Unsaved changes")
        try await tmux.press("y")
        let after = try await tmux.waitFor("EXITED:0")
        try await expectRestored(after, tmux)
        #expect(try Data(contentsOf: file) == original, "quitting without saving changed the file")
    }

    @Test("C-c with nothing running says so and does not quit")
    func ctrlCNeverQuits() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")

        try await tmux.press("C-c")
        let screen = try await tmux.waitFor("Nothing is running")
        #expect(screen.contains("[1] Graph") && !screen.contains("EXITED"))
        #expect(try await tmux.paneFormat("#{alternate_on}") == "1")
        // Still answering keys.
        try await tmux.press("?")
        try await tmux.waitFor("─ Help ─")
    }

    @Test("SIGTERM ends the app with 143 and restores the terminal")
    func sigterm() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")

        let pid = try await tmux.patchbayPID()
        #expect(kill(pid, SIGTERM) == 0)
        let after = try await tmux.waitFor("EXITED:143")
        try await expectRestored(after, tmux)
    }

    @Test("a crash (SIGILL, what a Swift trap raises) still gives the terminal back")
    func crashRestores() async throws {
        let tmux = try await TmuxSession(graph: Self.graph)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")

        let pid = try await tmux.patchbayPID()
        #expect(kill(pid, SIGILL) == 0)
        let after = try await tmux.waitFor("EXITED:132")
        // The shell reports the crash above the exit line; no UI may be left around it.
        #expect(try await tmux.paneFormat("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try await tmux.paneFormat("#{cursor_flag}") == "1", "the cursor is still hidden")
        #expect(
            !after.contains("[1] Graph") && !after.contains("│") && !after.contains("─"),
            "UI left on the screen:\n\(after)")
    }

    @Test("an escape character from the graph file is shown as text, never sent to the terminal")
    func escapesAreVisible() async throws {
        let name = "escape.graph.yaml"
        let text = """
            patchbay: 1
            title: Escapes
            nodes:
              text: { kind: input, type: string, description: "\\e[31mred" }
              out: { kind: output, type: string }
            wires:
              - text -> out

            """
        let tmux = try await TmuxSession(graph: name, files: [name: text])
        defer { tmux.close() }
        let validate = try await CLI.run(["validate", name], in: tmux.graphs)
        #expect(validate.status == 0, "\(validate)")

        // The row after the description is drawn after it: then the description row is complete.
        try await tmux.waitForTitle("Inspector", "text")
        let screen = try await tmux.waitFor("type: \"string\"")
        // Sent raw, tmux would turn `ESC[31m` into colour and `[31m` would not show at all.
        #expect(
            screen.contains("\\x1b[31mred"),
            "the escape is not shown as text:\n\(screen)")
    }

    // MARK: Helpers

    private func command(_ text: String, _ tmux: TmuxSession, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        async throws
    {
        try await tmux.press(":")
        try await tmux.type(text)
        try await tmux.waitFor(":" + text, sourceLocation: sourceLocation)
        try await tmux.press("Enter")
    }

    private func goto(_ node: String, _ tmux: TmuxSession, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        async throws
    {
        try await command("goto \(node)", tmux, sourceLocation: sourceLocation)
        try await tmux.waitForTitle("Inspector", node, sourceLocation: sourceLocation)
    }

    /// The app is gone and the terminal is back: primary screen, cursor shown, no UI left over.
    private func expectRestored(
        _ screen: String, _ tmux: TmuxSession, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        #expect(
            try await tmux.paneFormat("#{alternate_on}") == "0", "still on the alternate screen",
            sourceLocation: sourceLocation)
        #expect(
            try await tmux.paneFormat("#{cursor_flag}") == "1", "the cursor is still hidden",
            sourceLocation: sourceLocation)
        let left = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(
            left.first?.hasPrefix("EXITED:") == true, "something was left above the exit line:\n\(screen)",
            sourceLocation: sourceLocation)
        #expect(
            !screen.contains("[1] Graph") && !screen.contains("│") && !screen.contains("─"),
            "UI left on the screen:\n\(screen)", sourceLocation: sourceLocation)
        // The shell's line works again: the pane prints after the app.
        #expect(left.count == 1, "unexpected lines after exit:\n\(screen)", sourceLocation: sourceLocation)
    }

    /// The first non-blank text inside a popup below the line holding `title`.
    static func firstLine(after title: String, in screen: String) -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let row = lines.firstIndex(where: { $0.contains(title) }) else { return nil }
        return lines[(row + 1)...].lazy
            .map { $0.replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
    }

    /// A full frame at this size: every pane row starts and ends with a border, and rows are as
    /// wide as the window (nothing of a larger frame left over).
    static func framed(_ screen: String, rows: Int, width: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= rows, lines[0].contains("[1] Graph") else { return false }
        let borders: Set<Character> = ["┌", "│", "└", "┐", "┘", "├", "┤"]
        for line in lines.prefix(rows - 1) {
            guard let first = line.first, let last = line.last, borders.contains(first), borders.contains(last),
                line.count == width
            else { return false }
        }
        return true
    }
}
