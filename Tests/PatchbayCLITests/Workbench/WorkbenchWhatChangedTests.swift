import Foundation
import Testing

/// "What changed?" after a re-run (issue 16), in the real binary under tmux: after a template
/// edit and a second run, the nodes whose output changed carry Δ and the inspector shows how.
@Suite(.serialized)
struct WorkbenchWhatChangedTests {
    @Test("a re-run after an edit marks the changed nodes and the inspector shows the diff")
    func rerunShowsWhatChanged() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let tmux = try await TmuxSession(graph: "text-stats.graph.yaml", width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("goto report")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "report")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("One two three. Four!")
        try await tmux.press("Enter")
        let first = try await tmux.waitFor("Run finished")
        #expect(!first.contains("Δ") && !first.contains("Changed since the last run"))

        try await tmux.press(":")
        try await tmux.type("set template {{s.words}} words.")
        try await tmux.press("Enter")
        try await tmux.waitFor(#"template: "{{s.words}} words.""#)
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.press("Enter")
        let screen = try await tmux.waitForAll([
            "Changed since the last run", #"text: "4 words, 2 sentences, 20 characters." →"#,
        ])
        #expect(screen.contains("template Δ") && screen.contains("merge   Δ"), "report, verdict not marked:\n\(screen)")
        #expect(
            !screen.contains("input    Δ") && !screen.contains("jq     Δ"), "unchanged nodes are marked:\n\(screen)")
    }

    @Test("the first run in the workbench compares with the run `patchbay run` stored before it")
    func firstRunComparesWithTheStoredRun() async throws {
        do { try await storedSteps() } catch { Issue.record("\(error)") }
    }

    func storedSteps() async throws {
        let tmux = try await TmuxSession(graph: "text-stats.graph.yaml", width: 120, height: 40) { graphs in
            let run = try await CLI.run(
                ["run", "text-stats.graph.yaml", "--input", "text=One two three. Four!"], in: graphs)
            #expect(run.status == 0, "patchbay run: \(run.stderr)")
        }
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("goto report")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "report")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("One two.")
        try await tmux.press("Enter")
        // Other text: the counts differ from the stored run's (#1, the store's first).
        let screen = try await tmux.waitForAll(["outputs changed since run #1 (Δ)", "Changed since run #1"])
        #expect(screen.contains("template Δ") && screen.contains("merge   Δ"), "report, verdict not marked:\n\(screen)")
    }
}
