import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// `patchbay eval` end to end, with the fault server as the model: counts, the --min-pass exit
/// code, shards merged, variants compared, evals stored and listed.
@Suite("patchbay eval")
struct EvalCommandTests {
    /// The server always answers "Hello from the fault server"; the graph says "Model said: …".
    static let cases = """
        cases:
          - { id: hello, inputs: { question: hi }, expect: { contains: Hello } }
          - { id: paris, inputs: { question: capital? }, expect: { contains: Paris } }
          - { id: server, inputs: { question: who? }, expect: [{ name: says server, icontains: SERVER }] }
          - { id: said, inputs: { question: what? }, expect: { regex: '^Model said' } }
          - { id: judge-free, inputs: { question: why? }, expect: { equals: Model said nothing } }

        """

    static func project(_ server: FaultServer, files: [String: String] = [:]) throws -> FaultProject {
        let project = try FaultProject.make(server)
        for (name, text) in ["ask.cases.yaml": cases].merging(files, uniquingKeysWith: { $1 }) {
            try Data(text.utf8).write(to: project.root.appendingPathComponent(name))
        }
        return project
    }

    static func summary(_ r: CLIResult, _ index: Int = 0) throws -> JSONValue {
        let report = try JSONValue(parsing: r.stdout)
        return try #require(report["summaries"]?.arrayValue?[index], "\(r)")
    }

    static func tallies(_ summary: JSONValue) -> [String] {
        (summary["cases"]?.arrayValue ?? []).map {
            "\($0["id"]?.stringValue ?? "?") \($0["passed"]?.intValue ?? -1)/\($0["total"]?.intValue ?? -1)"
        }
    }

    /// `[eval] repeat` in the project file is the default `--repeat`; the flag still wins.
    @Test func configGivesTheDefaultRepeats() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let config = try String(contentsOf: project.configFile, encoding: .utf8)
        try Data((config + "\n[eval]\nrepeat = 3\n").utf8).write(to: project.configFile)
        // The edit revoked the file's trust, and with it the key its provider may send.
        try project.trustConfig()
        let fromConfig = try await project.run(["eval", project.graph, "--cases", "ask.cases.yaml", "--json"])
        #expect(try Self.summary(fromConfig)["samples"] == 15, "\(fromConfig)")
        let fromFlag = try await project.run([
            "eval", project.graph, "--cases", "ask.cases.yaml", "--repeat", "1", "--json",
        ])
        #expect(try Self.summary(fromFlag)["samples"] == 5, "\(fromFlag)")
    }

    @Test func passAndFailCountsEndToEnd() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let r = try await project.run(["eval", project.graph, "--cases", "ask.cases.yaml", "--repeat", "2", "--json"])
        #expect(r.status == 0, "\(r)")
        let s = try Self.summary(r)
        #expect(s["samples"] == 10 && s["passed"] == 6, "\(s)")
        #expect(Self.tallies(s) == ["hello 2/2", "paris 0/2", "server 2/2", "said 2/2", "judge-free 0/2"])
        #expect(s["alwaysFailing"] == ["paris", "judge-free"])
        #expect(server.modelCalls.count == 10, "each repeat is a real sample")
        let checks = (s["failuresByCheck"]?.arrayValue ?? []).map {
            "\($0["name"]?.stringValue ?? "") \($0["count"]?.intValue ?? 0)"
        }
        #expect(checks == ["contains \"Paris\" 2", "equals \"Model said nothing\" 2"], "\(s)")

        // The text report, and the eval in history with its runs.
        let text = try await project.run(["eval", project.graph, "--cases", "ask.cases.yaml", "--repeat", "2"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("pass rate: 60% [31%, 83%] (6/10)"), "\(text)")
        #expect(
            text.stdout.contains(
                "pass rate: 60% [31%, 83%] (6/10)\n  interval treats the 10 samples as independent; repeats of a case are correlated"
            ), "\(text)")
        #expect(text.stdout.contains("never passed: paris, judge-free"), "\(text)")
        #expect(text.stdout.contains("paris: contains \"Paris\": "), "\(text)")
        #expect(text.stdout.contains(" does not contain \"Paris\""), "\(text)")
        #expect(server.modelCalls.count == 10, "the second eval is answered from the persistent cache")
        let evals = try await project.run(["evals"])
        #expect(evals.status == 0 && evals.stdoutLines.count == 3, "a header and two evals: \(evals)")
        #expect(evals.stdoutLines.first?.hasPrefix("ID ") == true, "\(evals)")
        #expect(
            evals.stdoutLines.dropFirst().allSatisfy {
                $0.contains(" 60% ") && $0.contains("[31%, 83%]") && $0.contains("6/10") && $0.contains("5×2")
            }, "\(evals)")
        let fresh = try await project.run([
            "eval", project.graph, "--cases", "ask.cases.yaml", "--repeat", "2", "--fresh",
        ])
        #expect(fresh.status == 0 && server.modelCalls.count == 20, "--fresh draws new samples: \(fresh)")
    }

    @Test func minPassExitCode() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        for (threshold, status) in [("0.5", Int32(0)), ("60%", 0), ("0.61", 1), ("61%", 1)] {
            let r = try await project.run(["eval", project.graph, "--cases", "ask.cases.yaml", "--min-pass", threshold])
            #expect(r.status == status, "--min-pass \(threshold): \(r)")
            if status == 1 { #expect(r.stderr.contains("pass rate 60% is below --min-pass"), "\(r)") }
            #expect(!r.stdout.contains("as independent"), "one sample per case: nothing correlated to warn about")
        }
        // A bare number above 1 is neither a fraction nor a percentage: 1.5 is not read as 1.5%.
        for bad in ["lots", "80", "1.5", "120%"] {
            let r = try await project.run(["eval", project.graph, "--cases", "ask.cases.yaml", "--min-pass", bad])
            #expect(r.status == 2 && r.stderr.contains("give 0.8 or 80%"), "--min-pass \(bad): \(r)")
        }
    }

    @Test func shardsMergeToTheUnshardedReport() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let base = ["eval", project.graph, "--cases", "ask.cases.yaml", "--repeat", "2"]
        let whole = try await project.run(base + ["--json", "--no-store"])
        let one = try await project.run(base + ["--shard", "1/2", "--out", "one.json", "--no-store"])
        let two = try await project.run(base + ["--shard", "2/2", "--out", "two.json", "--no-store"])
        #expect(whole.status == 0 && one.status == 0 && two.status == 0, "\(one)\n\(two)")
        #expect(
            one.stdout.contains("(shard 1/2)") && one.stdout.contains("hello") && !one.stdout.contains("paris "),
            "\(one)")
        let merged = try await project.run(["eval", "merge", "two.json", "one.json", "--json"])
        #expect(merged.status == 0, "\(merged)")
        let (m, w) = (try Self.summary(merged), try Self.summary(whole))
        #expect(
            Self.tallies(m) == Self.tallies(w) && m["passed"] == w["passed"] && m["samples"] == w["samples"],
            "\(m)\n\(w)")
        #expect(m["low"] == w["low"] && m["failuresByCheck"] == w["failuresByCheck"] && m["usage"] == w["usage"])
        let missing = try await project.run(["eval", "merge", "one.json"])
        #expect(missing.status == 2 && missing.stderr.contains("missing shard 2/2"), "\(missing)")
    }

    @Test func variantComparison() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let variant = FaultProject.graphText().replacingOccurrences(
            of: "'Model said: {{text}}'", with: "'Model said in Paris: {{text}}'")
        let paris = """
            checks: [{ name: names Paris, contains: Paris }]
            cases:
              - { inputs: { question: a } }
              - { inputs: { question: b } }
              - { inputs: { question: c } }

            """
        let project = try Self.project(server, files: ["paris.graph.yaml": variant, "paris.cases.yaml": paris])
        let r = try await project.run([
            "eval", project.graph, "--cases", "paris.cases.yaml", "--variant", "paris.graph.yaml", "--repeat", "2",
        ])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("case    ask  paris") || r.stdout.contains("ask  paris"), "\(r)")
        #expect(r.stdout.contains("case-1    0/2    2/2"), "\(r)")
        #expect(
            r.stdout.contains("pass rate ask: 0% [0%, 39%] (0/6)")
                && r.stdout.contains("pass rate paris: 100% [61%, 100%] (6/6)"), "\(r)")
        #expect(r.stdout.contains("paris is better: +100 pts [+45, +100]"), "\(r)")
        #expect(r.stdout.contains("the difference's interval treats samples as independent too"), "\(r)")
        let json = try await project.run([
            "eval", project.graph, "--cases", "paris.cases.yaml", "--variant", "paris.graph.yaml", "--repeat", "2",
            "--json",
        ])
        let comparison = try #require(try JSONValue(parsing: json.stdout)["comparisons"]?.arrayValue?.first, "\(json)")
        #expect(comparison["difference"] == 1 && comparison["verdict"] == "bBetter", "\(comparison)")

        // The two stored evals compared: the same graph twice is no clear difference.
        let compare = try await project.run(["evals", "compare", "last", "last"])
        #expect(compare.status == 0 && compare.stdout.contains("no clear difference: +0 pts"), "\(compare)")
    }

    @Test func casesFileProblemsExitTwo() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server, files: ["bad.cases.csv": "id,questoin,expect.contains\na,hi,Hello\n"])
        let r = try await project.run(["eval", project.graph, "--cases", "bad.cases.csv"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("bad.cases.csv:1:4: error: column `questoin` is not an input of the graph"), "\(r)")
        #expect(r.stderr.contains("did you mean `question`?"), "\(r)")
        #expect(server.requestCount == 0)
    }

    @Test func unknownJudgeAliasExitsTwoBeforeAnythingRuns() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let judged = "cases:\n  - { inputs: { question: a }, expect: { judge: says hello } }\n"
        let project = try Self.project(server, files: ["judged.cases.yaml": judged])
        let r = try await project.run(["eval", project.graph, "--cases", "judged.cases.yaml", "--judge", "strict"])
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains("--judge: error: judge model alias `strict` (given to --judge) is not configured"), "\(r)"
        )
        #expect(r.stderr.contains("the configured aliases are: ") && r.stderr.contains("default"), "\(r)")
        #expect(server.requestCount == 0)
    }
}
