import Foundation
import Testing

/// Moving around the graph and finding things in the real workbench (issue 16, items 7 and 8).
@Suite(.serialized)
struct WorkbenchNavigationTests {
    @Test("80×24 draws classify top to bottom; l and h still follow the wires downstream and upstream")
    func hAndLFollowWiresTopToBottom() async throws {
        do { try await followWires() } catch { Issue.record("\(error)") }
    }

    func followWires() async throws {
        let tmux = try await TmuxSession(graph: "classify.graph.yaml", width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitForTitle("Inspector", "review")
        // Drawn top to bottom: review's box is above classify's, in the same columns.
        let first = try await tmux.screen()
        let rows = first.split(separator: "\n", omittingEmptySubsequences: false)
        let reviewRow = try #require(rows.firstIndex { $0.contains("review  ") })
        let classifyRow = try #require(rows.firstIndex { $0.contains("classify  ") && $0.hasPrefix("│") })
        #expect(classifyRow > reviewRow, "classify is drawn below review:\n\(first)")

        try await tmux.press("l")
        try await tmux.waitForTitle("Inspector", "classify")
        try await tmux.press("l")
        try await tmux.waitForTitle("Inspector", "label")
        try await tmux.press("h")
        try await tmux.waitForTitle("Inspector", "classify")
        try await tmux.press("Right")
        try await tmux.waitForTitle("Inspector", "label")
        try await tmux.press("Left", "Left")
        try await tmux.waitForTitle("Inspector", "review")
    }

    @Test("Opening a graph file that does not exist says the first save creates it")
    func aNewFileSaysItWillBeCreated() async throws {
        do {
            let tmux = try await TmuxSession(graph: "brand-new.graph.yaml", width: 120, height: 40)
            defer { tmux.close() }
            try await tmux.waitForAll(["`brand-new.graph.yaml` does not exist yet", "created when you save"])
        } catch { Issue.record("\(error)") }
    }

    @Test("/ in the runs pane filters the list: only the runs whose row holds the text are listed")
    func slashFiltersTheRunsList() async throws {
        do { try await filterRuns() } catch { Issue.record("\(error)") }
    }

    /// Rows of the runs pane: lines with a steps column (`7/7/0`).
    static func runRows(_ screen: String) -> Int {
        let pattern = try! NSRegularExpression(pattern: "\\s\\d+/\\d+/\\d+\\s")
        return screen.split(separator: "\n").filter {
            pattern.firstMatch(in: String($0), range: NSRange(location: 0, length: ($0 as Substring).utf16.count))
                != nil
        }.count
    }

    func filterRuns() async throws {
        let tmux = try await TmuxSession(graph: "text-stats.graph.yaml", width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        for text in ["One two three.", "Four five."] {
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
        try await tmux.waitUntil("two runs listed") { Self.runRows($0) == 2 }
        try await tmux.press("/")
        try await tmux.waitFor("Filter")
        try await tmux.type("#1")
        try await tmux.press("Enter")
        let filtered = try await tmux.waitFor("Runs matching `#1`: 1 of 2")
        #expect(Self.runRows(filtered) == 1, "more than one run listed:\n\(filtered)")
        try await tmux.press("/")
        try await tmux.waitFor("Filter")
        try await tmux.press("C-u", "Enter")
        try await tmux.waitUntil("both runs listed again") { Self.runRows($0) == 2 }
    }
}
