import Foundation
import Testing

/// Numbers and edits given on the command line are checked, not guessed at: before, `run
/// --max-concurrency 0` ran, `runs --limit=-1` said "no runs yet", `rerun --set stats.jqq=.`
/// ran unchanged (exit 0), and `export` wrote a graph whose model alias does not exist.
@Suite struct CLIStrictnessTests {
    static let graph = """
        patchbay: 1
        nodes:
          text: { kind: input, type: string }
          echo: { kind: template, template: 'Said: {{text}}' }
          stats: { kind: jq, jq: length }
          answer: { kind: output }
          n: { kind: output }
        wires: [text -> echo, echo -> answer, text -> stats, stats -> n]

        """

    static func project() throws -> URL {
        try Scratch.project(["r.graph.yaml": graph, "r.cases.yaml": "cases:\n  - inputs: { text: hi }\n"])
    }

    /// Arguments, and the message their out-of-range value must give.
    static let outOfRange: [([String], String)] = [
        (
            ["run", "r.graph.yaml", "--input", "text=a", "--max-concurrency", "0"],
            "--max-concurrency must be from 1 to 256, got 0"
        ),
        (
            ["run", "r.graph.yaml", "--input", "text=a", "--max-concurrency", "257"],
            "--max-concurrency must be from 1 to 256, got 257"
        ),
        (["runs", "--limit=-1"], "--limit must be from 1 to 1000000, got -1"),
        (["evals", "--limit", "0"], "--limit must be from 1 to 1000000, got 0"),
        (
            ["eval", "r.graph.yaml", "--cases", "r.cases.yaml", "--repeat", "0"],
            "--repeat must be from 1 to 10000, got 0"
        ),
        (
            ["eval", "r.graph.yaml", "--cases", "r.cases.yaml", "--repeat", "10001"],
            "--repeat must be from 1 to 10000, got 10001"
        ),
        (
            ["eval", "r.graph.yaml", "--cases", "r.cases.yaml", "--concurrency", "0"],
            "--concurrency must be from 1 to 256, got 0"
        ),
        (["gc", "--keep", "-1"], "--keep must be 0 or more, got -1"),
    ]

    @Test(
        "numeric options out of range are usage errors naming the option and its range", arguments: outOfRange.indices)
    func optionRanges(index: Int) async throws {
        let (arguments, message) = Self.outOfRange[index]
        let r = try await CLI.run(arguments, in: try Self.project())
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.hasPrefix("Error: \(message)\n"), "\(r)")
        #expect(r.stderr.contains("Usage: patchbay \(arguments[0])"), "the command's own usage: \(r)")
        EscapingTests.expectClean(r, arguments.joined(separator: " "))
    }

    @Test func theBoundsThemselvesAreAccepted() async throws {
        let dir = try Self.project()
        for arguments in [
            ["run", "r.graph.yaml", "--input", "text=a", "--max-concurrency", "256", "--no-store"],
            ["run", "r.graph.yaml", "--input", "text=a", "--max-concurrency", "1"],
            ["runs", "--limit", "1"],
            ["eval", "r.graph.yaml", "--cases", "r.cases.yaml", "--repeat", "1", "--concurrency", "256", "--no-store"],
            ["gc", "--keep", "0"],
        ] {
            let r = try await CLI.run(arguments, in: dir)
            #expect(r.status == 0, "\(arguments): \(r)")
        }
    }

    static let badEdits: [(String, [String])] = [
        ("stats.jqq=.", ["node `stats` (jq) has no field `jqq`", "did you mean `jq`?"]),
        (
            "stats.jq.x=1",
            ["`stats.jq` is a string: there is no `x` inside it", "set the field whole: --set stats.jq=VALUE"]
        ),
        ("nosuch.jq=.", ["no node `nosuch` in the graph"]),
        ("stats.jq={\"a\":1,\"a\":2}", ["the value is JSON that cannot be kept as written: duplicate key `a`"]),
        ("stats.kind=template", ["the kind cannot change"]),
        // Two placeholders: the unnamed wire into `echo` no longer knows its port.
        ("echo.template=Said: {{text}} {{more}}", ["wire `text -> echo`", "hint: check the --set values"]),
    ]

    @Test(
        "rerun --set refuses an edit it cannot make, with a did-you-mean, and never runs", arguments: badEdits.indices)
    func rerunSetRefusesBadEdits(index: Int) async throws {
        let (edit, words) = Self.badEdits[index]
        let dir = try Self.project()
        #expect(try await CLI.run(["run", "r.graph.yaml", "--input", "text=hi"], in: dir).status == 0)
        let r = try await CLI.run(["rerun", "last", "--from", "text", "--set", edit], in: dir)
        #expect(r.status == 2, "\(r)")
        for word in words { #expect(r.stderr.contains(word), "\(word): \(r)") }
        #expect(!r.stderr.contains("Usage: patchbay <subcommand>"), "\(r)")
        #expect(r.stdout.isEmpty, "nothing ran: \(r)")
        EscapingTests.expectClean(r, edit)
    }

    @Test func rerunSetChangesWhatRuns() async throws {
        let dir = try Self.project()
        #expect(try await CLI.run(["run", "r.graph.yaml", "--input", "text=hi"], in: dir).status == 0)
        let r = try await CLI.run(
            ["rerun", "last", "--from", "text", "--set", "echo.template=Now: {{text}}", "--set", "stats.jq=. + \"!\""],
            in: dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("answer: Now: hi") && r.stdout.contains("n: hi!"), "\(r)")
    }

    @Test("export refuses a model alias no config defines, at the field, as validate does")
    func exportChecksModelAliases() async throws {
        let graph =
            "patchbay: 1\nnodes:\n  q: { kind: input }\n  a: { kind: llm, model: nosuch, prompt: '{{q}}' }\n  o: { kind: output }\nwires: [q -> a, a -> o]\n"
        let dir = try Scratch.project(["m.graph.yaml": graph])
        for command in [
            ["export", "m.graph.yaml"], ["export", "m.graph.yaml", "--format", "dot"], ["validate", "m.graph.yaml"],
        ] {
            let r = try await CLI.run(command, in: dir)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(command): \(r)")
            #expect(
                r.stderr.hasPrefix("m.graph.yaml:4:19: error: model alias `nosuch` of node `a` is not defined"),
                "\(command): \(r)")
        }
        let defined = try await CLI.run(["export", "m.graph.yaml", "--model", "nosuch=openai:gpt-4o-mini"], in: dir)
        #expect(defined.status == 0 && defined.stdout.hasPrefix("flowchart LR"), "\(defined)")
    }

    @Test("validate and run print warnings (an id with a zero-width space); validate says ok with the count")
    func warningsAreShown() async throws {
        let graph =
            "patchbay: 1\nnodes:\n  \"a\\u200bb\": { kind: input }\n  out: { kind: output }\nwires: [\"a\\u200bb -> out\"]\n"
        let dir = try Scratch.project(["w.graph.yaml": graph])
        let validate = try await CLI.run(["validate", "w.graph.yaml"], in: dir)
        #expect(validate.status == 0 && validate.stdout == "w.graph.yaml: ok (1 warning)\n", "\(validate)")
        #expect(
            validate.stderr.hasPrefix("w.graph.yaml:3:3: warning: node id `a\\u{200B}b` holds the invisible character"),
            "\(validate)")
        let run = try await CLI.run(["run", "w.graph.yaml", "--input", "a\u{200B}b=1", "--no-store"], in: dir)
        #expect(run.status == 0 && run.stdout == "1\n", "\(run)")
        #expect(run.stderr.contains("warning: node id `a\\u{200B}b`"), "\(run)")
        EscapingTests.expectClean(validate, "validate")
        EscapingTests.expectClean(run, "run")
    }
}
