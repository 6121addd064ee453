import Foundation
import Testing

/// `eval` and config loading on hostile files: JSONL and CSV cases with a repeated key or
/// column or a number a float would change, and a config with a key 100,000 parts deep (which
/// crashed `patchbay` in toml++). Exit 2, `file:line:column`, nothing raw on the terminal.
@Suite struct CasesBoundsCLITests {
    static let graph = """
        patchbay: 1
        nodes:
          x: { kind: input, type: string }
          n: { kind: input, type: integer, default: 0 }
          y: { kind: output }
        wires:
          - x -> y

        """

    static func eval(_ cases: String, named name: String) async throws -> CLIResult {
        let dir = try Scratch.project(["g.graph.yaml": graph, name: cases])
        let r = try await CLI.run(["eval", "g.graph.yaml", "--cases", name, "--no-store"], in: dir)
        EscapingTests.expectClean(r, name)
        return r
    }

    @Test func jsonlRepeatedKeyIsLocated() async throws {
        let r = try await Self.eval(
            "{\"inputs\": {\"x\": \"a\"}}\n{\"inputs\": {\"x\": \"a\", \"x\": \"\u{1B}[31mb\"}}\n",
            named: "c.cases.jsonl")
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "c.cases.jsonl:2:23: error: invalid JSON: duplicate key `x` (first at line 2, column 13)"), "\(r)")
    }

    @Test func jsonlHugeIntegerIsLocated() async throws {
        let r = try await Self.eval(
            "{\"inputs\": {\"x\": \"a\", \"n\": 9999999999999999999999}}\n", named: "c.cases.jsonl")
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "c.cases.jsonl:1:28: error: invalid JSON: the number `9999999999999999999999` has more digits than a 64-bit float keeps"
            ), "\(r)")
    }

    @Test func csvRepeatedColumnAndHugeInteger() async throws {
        let repeated = try await Self.eval("x,n,x\na,1,b\n", named: "c.cases.csv")
        #expect(repeated.status == 2, "\(repeated)")
        #expect(
            repeated.stderr.contains("c.cases.csv:1:5: error: column `x` is named twice (first at line 1, column 1)"),
            "\(repeated)")
        let huge = try await Self.eval("x,n\na,9999999999999999999999\n", named: "c.cases.csv")
        #expect(huge.status == 2, "\(huge)")
        #expect(
            huge.stderr.contains("c.cases.csv:2:3: error: input `n`: the number `9999999999999999999999`"), "\(huge)")
    }

    /// Before: a key 100,000 parts deep was a segmentation fault (exit 139); 20,000 took a
    /// minute and 3 GB in the line index.
    @Test(arguments: [
        (
            "dotted key", "a" + String(repeating: ".a", count: 100_000) + " = 1\n",
            "config.toml:1:128: error: a dotted key or table name has more than 64 parts"
        ),
        (
            "table header", "[ui]\n[a" + String(repeating: ".a", count: 100_000) + "]\n",
            "config.toml:2:129: error: a dotted key or table name has more than 64 parts"
        ),
        (
            "arrays", "a = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
            "config.toml:1:69: error: arrays and inline tables nest more than 64 deep here"
        ),
    ])
    func deepConfigIsRefusedLocated(label: String, text: String, message: String) async throws {
        let config = try Scratch.make("config")
        let folder = config.appendingPathComponent("patchbay")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let start = ContinuousClock.now
        let r = try await CLI.run(["models"], environment: ["XDG_CONFIG_HOME": config.path], timeout: 30)
        print("\(label): exit \(r.status) in \(ContinuousClock.now - start)")
        EscapingTests.expectClean(r, label)
        #expect(r.status == 2, "\(label): \(r)")
        #expect(r.stderr.contains(message), "\(label): \(r)")
    }
}
