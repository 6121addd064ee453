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
}
