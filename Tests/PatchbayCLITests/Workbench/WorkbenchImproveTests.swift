import Foundation
import Testing

/// `:improve` and `C` in the real workbench under tmux, on a graph without models (a length
/// gate): the search finds no llm node to change, measures the original and says so; then a run
/// is captured as a case with two keys, `C` and Enter, appended to the cases file as written.
@Suite(.serialized)
struct WorkbenchImproveTests {
    static let graph = """
        patchbay: 1
        nodes:
          text: { kind: input, type: string }
          stats: { kind: jq, jq: '{n: length}' }
          short: { kind: check, jq: '.n <= 5' }
          out: { kind: output, type: object }
        wires:
          - text -> stats
          - stats -> short
          - short.pass -> out

        """

    static let cases = """
        # Gate cases.
        cases:
          - { id: a, inputs: { text: abc } }
          - { id: b, inputs: { text: far too long } }
          - { id: c, inputs: { text: four } }
          - { id: d, inputs: { text: x } }

        """

    @Test("improve runs from the command line and reports; C then Enter adds the run as a case")
    func improveThenCapture() async throws {
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let tmux = try await TmuxSession(
            graph: "gate.graph.yaml", files: ["gate.graph.yaml": Self.graph, "gate.cases.yaml": Self.cases])
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press(":")
        try await tmux.type("improve gate.cases.yaml")
        try await tmux.press("Enter")
        try await tmux.waitForAll([
            "Improve: gate.cases.yaml", "Search finished: no move was proven better", "original",
        ])
        try await tmux.waitFor("no move kept")

        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("abc")
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")
        try await tmux.press("C")
        try await tmux.waitFor("New case in gate.cases.yaml: `out` equals")
        try await tmux.press("Enter")
        try await tmux.waitFor("Added case `captured-1` to gate.cases.yaml")
        let text = try String(
            contentsOf: tmux.graphs.appendingPathComponent("gate.cases.yaml"), encoding: .utf8)
        #expect(
            text == Self.cases
                + "  - { id: captured-1, inputs: {\"text\":\"abc\"}, expect: { output: out, equals: {\"n\":3} } }\n",
            "\(text)")
    }
}
