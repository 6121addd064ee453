import Foundation
import Testing

/// Comparing two runs side by side (issue 16, "what to add"), in the real binary under tmux:
/// text-stats run twice on other texts; a run marked in the runs pane and `=` on the other, or
/// `:diff` with the two ids, shows the steps aligned, the changed ones marked and a word diff.
@Suite(.serialized)
struct WorkbenchCompareTests {
    @Test("m marks a run in the runs pane, = on another shows the changed steps and their word diff")
    func markAndEqualsCompareTwoRuns() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await markAndCompare() } catch { Issue.record("\(error)") }
    }

    @Test(":diff with two run ids compares them, at 80×24 too")
    func diffCommandComparesTwoIds() async throws {
        do { try await diffByIds() } catch { Issue.record("\(error)") }
    }

    /// Starts text-stats and runs it on each text, then lists the runs (newest selected).
    static func twoRuns(width: Int, height: Int) async throws -> (TmuxSession, ids: [String: String]) {
        let tmux = try await TmuxSession(graph: "text-stats.graph.yaml", width: width, height: height)
        try await tmux.waitFor("[1] Graph")
        for text in ["One two three. Four!", "One two three. Five six."] {
            try await tmux.press("r")
            try await tmux.waitFor("Run inputs")
            try await tmux.press("C-u")
            try await tmux.type(text)
            try await tmux.press("Enter")
            try await tmux.waitFor("Run finished")
            try await tmux.press("C-l")
        }
        try await tmux.press(":")
        try await tmux.type("runs")
        try await tmux.press("Enter")
        var ids: [String: String] = [:]
        try await tmux.waitUntil("two runs listed") { screen in
            ids = Self.runIDs(screen)
            return ids.count == 2
        }
        return (tmux, ids)
    }

    /// The runs pane's rows by number: the first six characters of each run's id.
    static func runIDs(_ screen: String) -> [String: String] {
        let pattern = try! NSRegularExpression(pattern: "│  ✓\\s+(\\d+)\\s+([0-9a-f]{6})\\s")
        var ids: [String: String] = [:]
        for line in screen.split(separator: "\n").map(String.init) {
            let range = NSRange(location: 0, length: line.utf16.count)
            if let match = pattern.firstMatch(in: line, range: range),
                let seq = Range(match.range(at: 1), in: line), let id = Range(match.range(at: 2), in: line)
            {
                ids[String(line[seq])] = String(line[id])
            }
        }
        return ids
    }

    func markAndCompare() async throws {
        let (tmux, ids) = try await Self.twoRuns(width: 120, height: 40)
        defer { tmux.close() }
        // The newest (#2) is selected: mark the older one, then = on the newest.
        try await tmux.press("j", "m")
        try await tmux.waitFor("Marked run #1")
        try await tmux.press("k", "=")
        let screen = try await tmux.waitForAll([
            "Compare: #1 \(ids["1"] ?? "") to #2 \(ids["2"] ?? "")", "steps: 7 of 8 differ",
            "─ text: outputs differ", "One two three. [-Four!-]{+Five six.+}",
        ])
        #expect(screen.contains("Δ inputs") && screen.contains("Δ stats "), "changed rows not marked:\n\(screen)")
        // warning was skipped in both: listed, not marked.
        #expect(screen.contains("│   warning       skipped    skipped "), "the unchanged step:\n\(screen)")
        // Down to stats: a key diff of its object.
        try await tmux.press("j")
        try await tmux.waitForAll(["─ stats: outputs differ", "~ .characters: 20 → 24", "~ .words: 4 → 5"])
        // Esc goes back to the runs, the mark still on #1.
        try await tmux.press("Escape")
        try await tmux.waitForAll(["[1] Runs (2)", "│ *✓    1  \(ids["1"] ?? "")"])
    }

    func diffByIds() async throws {
        let (tmux, ids) = try await Self.twoRuns(width: 80, height: 24)
        defer { tmux.close() }
        let (first, second) = (ids["1"] ?? "", ids["2"] ?? "")
        try await tmux.press(":")
        try await tmux.type("diff \(second) \(first)")
        try await tmux.press("Enter")
        try await tmux.waitForAll([
            "Compare: #2 \(second) to #1 \(first)", "─ text: outputs differ",
            "One two three. [-Five six.-]{+Four!+}",
        ])
        // A run the store does not have: said at once, the pane kept.
        try await tmux.press(":")
        try await tmux.type("diff \(first) #9")
        try await tmux.press("Enter")
        try await tmux.waitFor("no run #9")
    }
}
