import Foundation
import Testing

/// A hostile pattern in a check node or a cases file's `regex:` expectation: before, the search
/// backtracked for as long as the text allowed (27 s on 46 characters, hours on a paragraph);
/// now each search stops at `NSRegularExpression.timeLimit` (10 s) with a message naming it.
@Suite struct RegexTimeLimitCLITests {
    static let text = String(repeating: "a", count: 60) + "b"
    static let graph = """
        patchbay: 1
        nodes:
          x: { kind: input, type: string }
          c: { kind: check, regex: '(.*a){25}$' }
          o: { kind: output }
        wires: [x -> c, c.pass -> o]

        """

    @Test func aCheckNodeFailsAtTheLimitNamingThePattern() async throws {
        let project = try Scratch.project(["re.graph.yaml": Self.graph])
        let start = ContinuousClock.now
        let r = try await CLI.run(
            ["run", "re.graph.yaml", "--input", "x=\(Self.text)", "--no-store"], in: project, timeout: 120)
        let elapsed = ContinuousClock.now - start
        print("check node with (.*a){25}$ on 61 characters: exit \(r.status) after \(elapsed)")
        #expect(r.status == 1, "\(r)")
        #expect(
            r.stderr.contains("`c` failed: /(.*a){25}$/ took more than 10.0 seconds on 61 characters and was stopped"),
            "\(r)")
        #expect(elapsed < .seconds(60))
        EscapingTests.expectClean(r, "run")
    }

    @Test func anEvalRegexExpectationFailsTheCaseAtTheLimit() async throws {
        let echo = "patchbay: 1\nnodes:\n  x: { kind: input, type: string }\n  o: { kind: output }\nwires: [x -> o]\n"
        let cases = "cases:\n  - inputs: { x: \(Self.text) }\n    expect: { regex: '(.*a){25}$' }\n"
        let project = try Scratch.project(["e.graph.yaml": echo, "e.cases.yaml": cases])
        let r = try await CLI.run(
            ["eval", "e.graph.yaml", "--cases", "e.cases.yaml", "--no-store"], in: project, timeout: 120)
        // Without --min-pass a failed case is reported, not an exit status.
        #expect(r.status == 0 && r.stdout.contains("never passed: case-1"), "\(r)")
        #expect(r.stdout.contains("took more than 10.0 seconds on 61 characters and was stopped"), "\(r)")
    }
}
