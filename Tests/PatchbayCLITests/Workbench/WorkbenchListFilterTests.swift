import Foundation
import Testing

/// `/` filters the trace (issue 16, item 8: every list filters with `/`), in the real binary
/// under tmux: only the steps whose row holds the text are listed, the selection and the
/// inspector follow the first one, moves stay among them, and Esc lists every step again.
@Suite(.serialized)
struct WorkbenchListFilterTests {
    @Test("/ in the trace lists only the matching steps; the selection follows; Esc clears the filter")
    func slashFiltersTheTrace() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await filterTrace() } catch { Issue.record("\(error)") }
    }

    /// The trace pane's step rows: at the left of the debug layout, a number and a status glyph.
    static func traceRows(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        guard let title = lines.firstIndex(where: { $0.contains("] Trace (") }) else { return [] }
        let row = try! NSRegularExpression(pattern: "^│\\s*\\d+ \\S ")
        return lines[(title + 1)...].prefix { !$0.hasPrefix("└") }.map { String($0.prefix(66)) }.filter {
            row.firstMatch(in: $0, range: NSRange(location: 0, length: ($0 as NSString).length)) != nil
        }
    }

    func filterTrace() async throws {
        let tmux = try await TmuxSession(graph: "text-stats.graph.yaml", width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("layout debug")
        try await tmux.press("Enter")
        try await tmux.waitFor("[2] Trace")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("One two three.")
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")
        try await tmux.waitUntil("every step listed") { Self.traceRows($0).count == 8 }

        // By kind: the two template nodes; the first is selected, the inspector shows it.
        try await tmux.press("2")
        try await tmux.press("/")
        try await tmux.waitFor("Filter")
        try await tmux.type("template")
        try await tmux.press("Enter")
        let filtered = try await tmux.waitForAll(["Trace (2 of 8) /template", "Inspector: step report "])
        let rows = Self.traceRows(filtered)
        #expect(rows.count == 2, "not two rows:\n\(filtered)")
        #expect(rows.first?.contains("report") == true && rows.last?.contains("warning") == true, "\(rows)")
        // j moves to the next listed step, past those left out.
        try await tmux.press("j")
        try await tmux.waitFor("Inspector: step warning ")

        // Esc clears the filter: every step is listed again, the step stays selected.
        try await tmux.press("Escape")
        let all = try await tmux.waitFor("Trace (8)")
        #expect(Self.traceRows(all).count == 8, "not every step listed:\n\(all)")
        #expect(all.contains("Inspector: step warning "))
    }
}
