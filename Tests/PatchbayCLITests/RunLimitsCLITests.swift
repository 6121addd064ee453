import Foundation
import Testing

/// Run limits at the command line: a loop whose `max` asks for a billion passes is refused by
/// `validate` and `run` at the field; steps, map items and value size stop a run with exit 1 and
/// a message naming the node and the limit; `[limits]` in patchbay.toml and `--limit` raise them.
/// Before, the loop validated "ok" and ran until killed (over 500,000 steps and a 200 MB store in
/// a minute), and a map over a million items did the same.
@Suite struct RunLimitsCLITests {
    static let body = """
        patchbay: 1
        nodes:
          x: { kind: input }
          inc: { kind: jq, jq: '. + 1' }
          y: { kind: output }
        wires:
          - x -> inc
          - inc -> y

        """

    static func loop(max: Int) -> String {
        """
        patchbay: 1
        nodes:
          start: { kind: input, default: 0 }
          spin:
            kind: loop
            graph: body.graph.yaml
            until: 'false'
            max: \(max)
            feedback: { y: x }
          out: { kind: output }
        wires:
          - start -> spin.x
          - spin.y -> out

        """
    }

    static let map = """
        patchbay: 1
        nodes:
          n: { kind: input, type: integer }
          xs: { kind: jq, jq: '[range(.)]' }
          each: { kind: map, graph: body.graph.yaml, item: x }
          out: { kind: output }
        wires:
          - n -> xs
          - xs -> each.items
          - each.results -> out

        """

    /// Reads `file`, and with `spew` hands it to `yes`, which writes until stopped.
    static func producer(file: String, spew: Bool) -> String {
        """
        patchbay: 1
        nodes:
          read: { kind: read-file, path: \(file) }
          \(spew ? "spew: { kind: command, command: [yes, abcdefghijklmnopqrstuvwxyz] }" : "")
          out: { kind: output }
        wires:
          - read.content -> \(spew ? "spew" : "out")
        \(spew ? "  - spew -> out" : "")

        """
    }

    static func project(_ extra: [String: String] = [:]) throws -> URL {
        try Scratch.project(
            ["body.graph.yaml": body, "loop.graph.yaml": loop(max: 1_000_000_000), "map.graph.yaml": map].merging(extra)
            { _, new in new })
    }

    static func expectClean(_ r: CLIResult, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems =
            EscapingTests.rawProblems(r.stdoutData, "stdout") + EscapingTests.rawProblems(r.stderrData, "stderr")
        #expect(problems.isEmpty, "\(label): \(problems)", sourceLocation: sourceLocation)
    }

    @Test func aLoopAskingForABillionPassesIsRefusedAtItsMax() async throws {
        let root = try Self.project()
        for arguments in [["validate", "loop.graph.yaml"], ["run", "loop.graph.yaml", "--no-store"]] {
            let start = Date()
            let r = try await CLI.run(arguments, in: root, timeout: 60)
            let seconds = Date().timeIntervalSince(start)
            print("\(arguments.joined(separator: " ")): exit \(r.status) after \(String(format: "%.2f", seconds)) s")
            #expect(r.status == 2, "\(arguments): \(r)")
            let d = r.stderr.diagnostics(for: "loop.graph.yaml")
            #expect(
                d.contains {
                    $0.line == 8 && $0.column == 5
                        && $0.message.contains(
                            "`max` of loop `spin` is 1000000000, more than the loop_passes limit (10000)")
                }, "\(r)")
            #expect(r.stderr.contains("[limits] loop_passes") && r.stderr.contains("--limit loop_passes="), "\(r)")
            #expect(seconds < 20, "took \(seconds) s")
            Self.expectClean(r, arguments[0])
        }
    }

    @Test func aLoopMaxAboveTheDefaultValidatesOnceRaised() async throws {
        let root = try Self.project(["loop.graph.yaml": Self.loop(max: 20_000)])
        let refused = try await CLI.run(["validate", "loop.graph.yaml"], in: root)
        #expect(refused.status == 2 && refused.stderr.contains("loop_passes limit (10000)"), "\(refused)")
        let flagged = try await CLI.run(["validate", "loop.graph.yaml", "--limit", "loop_passes=20000"], in: root)
        #expect(flagged.status == 0, "\(flagged)")
        try Data("[limits]\nloop_passes = 20000\n".utf8).write(to: root.appendingPathComponent("patchbay.toml"))
        // A project file (a cloned repository's) raises a limit only once the user trusts it.
        let env = ["XDG_CONFIG_HOME": try UserConfig.make("").home.path]
        let untrusted = try await CLI.run(["validate", "loop.graph.yaml"], in: root, environment: env)
        #expect(untrusted.status == 2, "\(untrusted)")
        #expect(
            untrusted.stderr.contains(
                "patchbay.toml:2: error: `limits.loop_passes` raises the limit from 10000 to 20000"), "\(untrusted)")
        #expect(untrusted.stderr.contains("patchbay trust "), "\(untrusted)")
        #expect(try await CLI.run(["trust", "patchbay.toml"], in: root, environment: env).status == 0)
        let configured = try await CLI.run(["validate", "loop.graph.yaml"], in: root, environment: env)
        #expect(configured.status == 0, "\(configured)")
        // The flag wins over the file, in both directions.
        let lowered = try await CLI.run(
            ["validate", "loop.graph.yaml", "--limit", "loop_passes=100"], in: root, environment: env)
        #expect(lowered.status == 2 && lowered.stderr.contains("loop_passes limit (100)"), "\(lowered)")
    }

    @Test func theStepCapStopsARunNamingTheStepAndTheLimit() async throws {
        let root = try Self.project(["loop.graph.yaml": Self.loop(max: 5_000)])
        let r = try await CLI.run(
            ["run", "loop.graph.yaml", "--limit", "steps=300", "--limit", "loop_passes=5000"], in: root)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("would be step 301 of this run, more than the steps limit (300)"), "\(r)")
        #expect(r.stderr.contains("`spin["), "names the step: \(r)")
        #expect(r.stderr.contains("[limits] steps = 600") && r.stderr.contains("--limit steps=600"), "\(r)")
        Self.expectClean(r, "run")
        // The same run within its limits finishes.
        let ok = try await CLI.run(
            ["run", "loop.graph.yaml", "--no-store", "--limit", "steps=20000", "--limit", "loop_passes=5000"], in: root)
        #expect(ok.status == 0 && ok.stdout.contains("5000"), "\(ok)")
    }

    /// `step`, `eval` and `rerun` run with the limits of config and `--limit` as `run` does.
    @Test func stepEvalAndRerunRunWithTheLimits() async throws {
        let root = try Self.project([
            "loop.graph.yaml": Self.loop(max: 5_000), "patchbay.toml": "[limits]\nloop_passes = 5000\nsteps = 300\n",
            "loop.cases.jsonl": "{\"id\": \"one\", \"inputs\": {}, \"expect\": {\"equals\": 5000}}\n",
        ])
        let message = "would be step 301 of this run, more than the steps limit (300)"
        let step = try await CLI.run(["step", "loop.graph.yaml"], stdin: "c\n", in: root)
        #expect(step.status == 1 && step.stderr.contains(message), "\(step)")
        let eval = try await CLI.run(
            ["eval", "loop.graph.yaml", "--cases", "loop.cases.jsonl", "--no-store"], in: root)
        // The sample fails with the limit's message (eval's exit code is --min-pass's to decide).
        #expect(eval.stdout.contains("never passed: one") && eval.stdout.contains(message), "\(eval)")
        Self.expectClean(eval, "eval")
        let rerun = try await CLI.run(["rerun", "last", "--from", "spin", "--limit", "steps=200"], in: root)
        #expect(rerun.status == 1 && rerun.stderr.contains("more than the steps limit (200)"), "\(rerun)")
        let raised = try await CLI.run(
            ["eval", "loop.graph.yaml", "--cases", "loop.cases.jsonl", "--no-store", "--limit", "steps=20000"], in: root
        )
        #expect(raised.status == 0 && raised.stdout.contains("pass rate: 100%"), "\(raised)")
    }

    @Test func aMapOverAMillionItemsStopsBeforeFanningOut() async throws {
        let root = try Self.project()
        let start = Date()
        let r = try await CLI.run(
            ["run", "map.graph.yaml", "--input", "n=1000000", "--no-store"], in: root, timeout: 120)
        let seconds = Date().timeIntervalSince(start)
        print("map over 1,000,000 items: exit \(r.status) after \(String(format: "%.2f", seconds)) s")
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("map `each` got 1000000 items, more than the map_items limit (10000)"), "\(r)")
        #expect(r.stderr.contains("[limits] map_items = 1000000"), "\(r)")
        #expect(seconds < 30, "took \(seconds) s")
        Self.expectClean(r, "run")
        let small = try await CLI.run(
            ["run", "map.graph.yaml", "--input", "n=3", "--no-store", "--limit", "map_items=3"], in: root)
        #expect(small.status == 0, "\(small)")
    }

    /// read-file and a command's stdout stop reading at the limit: `yes` never ends on its own.
    @Test func producersStopReadingAtTheValueLimit() async throws {
        let root = try Self.project([
            "read.graph.yaml": Self.producer(file: "big.txt", spew: false),
            "spew.graph.yaml": Self.producer(file: "small.txt", spew: true),
            "big.txt": String(repeating: "0123456789", count: 100_000), "small.txt": "hi\n",
        ])
        let expected = [
            "read": "`read` read `big.txt`, which is 1000000 bytes, more than the value_bytes limit (65536)",
            "spew": "`spew`: `yes` wrote more than the value_bytes limit (65536 bytes) to stdout and was stopped",
        ]
        for (graph, message) in expected {
            let start = Date()
            let r = try await CLI.run(
                ["run", "\(graph).graph.yaml", "--no-store", "--trust", "--limit", "value_bytes=64KiB"], in: root,
                timeout: 60)
            print("\(graph): exit \(r.status) after \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
            #expect(r.status == 1 && !r.timedOut, "\(r)")
            #expect(r.stderr.contains(message), "\(r)")
            #expect(r.stderr.contains("--limit value_bytes="), "\(r)")
            Self.expectClean(r, graph)
        }
    }

    @Test func badLimitsAreUsageErrorsWithTheNamesAndRanges() async throws {
        let root = try Self.project()
        for command in [
            ["run", "map.graph.yaml"], ["step", "map.graph.yaml"], ["eval", "map.graph.yaml", "--cases", "c.jsonl"],
            ["validate", "map.graph.yaml"],
        ] {
            let typo = try await CLI.run(command + ["--limit", "map_itmes=5"], in: root)
            #expect(typo.status != 0 && typo.status != 1, "\(command): \(typo)")
            #expect(
                typo.stderr.contains("unknown limit `map_itmes`") && typo.stderr.contains("did you mean `map_items`?"),
                "\(command): \(typo)")
            Self.expectClean(typo, command[0])
        }
        let range = try await CLI.run(["run", "map.graph.yaml", "--limit", "steps=0"], in: root)
        #expect(range.stderr.contains("`steps` must be between 1 and 1000000000, not 0"), "\(range)")
        let config = try Self.project(["patchbay.toml": "[limits]\nstep = 5\n"])
        let located = try await CLI.run(["validate", "map.graph.yaml"], in: config)
        #expect(
            located.status == 2 && located.stderr.contains("patchbay.toml:2: error: unknown key `step` in `[limits]`"),
            "\(located)")
    }
}
