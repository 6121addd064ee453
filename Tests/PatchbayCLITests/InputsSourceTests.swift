import Foundation
import Testing

/// Where `--inputs` and `--input NAME=@FILE` read from (standard input, a FIFO, `<(…)`, not a
/// directory) and how strictly: a repeated key, a trailing comma or a number a 64-bit float
/// would change is exit 2 with `file:line:column` or the input's name, never a silent guess.
@Suite struct InputsSourceTests {
    static let graph = """
        patchbay: 1
        nodes:
          x: { kind: input, type: string }
          n: { kind: input, type: integer, default: 0 }
          y: { kind: output }
          m: { kind: output }
        wires:
          - x -> y
          - n -> m

        """

    static func project(_ files: [String: String] = [:]) throws -> URL {
        try Scratch.project(files.merging(["g.graph.yaml": graph]) { a, _ in a })
    }

    static func run(_ arguments: [String], stdin: String? = nil, in dir: URL) async throws -> CLIResult {
        let r = try await CLI.run(["run", "g.graph.yaml", "--no-store", "--json"] + arguments, stdin: stdin, in: dir)
        EscapingTests.expectClean(r, arguments.joined(separator: " "))
        return r
    }

    static func outputs(_ r: CLIResult) -> [String: Any] {
        let object = try? JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        return object?["outputs"] as? [String: Any] ?? [:]
    }

    // MARK: Sources

    @Test("a file that never ends (/dev/zero) or passes value_bytes is refused while read")
    func endlessInputFilesStopAtTheLimit() async throws {
        // Before, `--input x=@/dev/zero` was read until the kernel killed patchbay (24 GB, 178 s).
        let dir = try Self.project()
        for source in ["x=@/dev/zero", "x=@big.txt"] {
            if source.hasSuffix("big.txt") { try Data(count: 2 << 20).write(to: dir.appendingPathComponent("big.txt")) }
            let r = try await Self.run(["--input", source, "--limit", "value_bytes=1MiB"], in: dir)
            #expect(r.status == 2, "\(r)")
            #expect(
                r.stderr.contains("holds more than the value_bytes limit (1048576 bytes); the rest was not read"),
                "\(r)")
            #expect(r.stderr.contains("--limit value_bytes=2097152"), "\(r)")
        }
        let inputs = try await Self.run(["--inputs", "/dev/zero", "--limit", "value_bytes=1MiB"], in: dir)
        #expect(inputs.status == 2 && inputs.stderr.contains("--inputs: /dev/zero holds more than"), "\(inputs)")
    }

    @Test func inputsDashReadsStandardInput() async throws {
        let r = try await Self.run(
            ["--inputs", "-"], stdin: "{\"x\": \"from stdin\", \"n\": 3}", in: try Self.project())
        #expect(r.status == 0, "\(r)")
        #expect(Self.outputs(r)["y"] as? String == "from stdin", "\(r)")
    }

    @Test func atDashReadsStandardInput() async throws {
        let r = try await Self.run(["--input", "x=@-"], stdin: "line one\nline two\n", in: try Self.project())
        #expect(r.status == 0, "\(r)")
        #expect(Self.outputs(r)["y"] as? String == "line one\nline two\n", "\(r)")
    }

    @Test func standardInputIsReadOnce() async throws {
        let r = try await Self.run(["--inputs", "-", "--input", "x=@-"], stdin: "{\"n\": 1}", in: try Self.project())
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("error: --input x: standard input is already read by another option"), "\(r)")
    }

    @Test func aFIFOWorks() async throws {
        let dir = try Self.project()
        let fifo = dir.appendingPathComponent("in.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The writer blocks in open until patchbay opens the other end.
        Thread.detachNewThread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            try? handle.write(contentsOf: Data("{\"x\": \"through a fifo\"}".utf8))
            try? handle.close()
        }
        let r = try await Self.run(["--inputs", fifo], in: dir)
        #expect(r.status == 0, "\(r)")
        #expect(Self.outputs(r)["y"] as? String == "through a fifo", "\(r)")
    }

    @Test func processSubstitutionWorks() async throws {
        let dir = try Self.project()
        let binary = try CLI.binary.get().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c",
            "\"$0\" run g.graph.yaml --no-store --json --inputs <(echo '{\"x\": \"substituted\"}') --input n=@<(echo 7)",
            binary,
        ]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = try CLI.emptyConfig.get().path
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let r = CLIResult(status: process.terminationStatus, stdoutData: stdout, stderrData: stderr, timedOut: false)
        #expect(r.status == 0, "\(r)")
        #expect(Self.outputs(r)["y"] as? String == "substituted", "\(r)")
        #expect(Self.outputs(r)["m"] as? Double == 7, "\(r)")
    }

    @Test func aDirectoryIsNamedAsOne() async throws {
        let dir = try Self.project()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("inputs"), withIntermediateDirectories: true)
        for arguments in [["--inputs", "inputs"], ["--input", "x=@inputs"]] {
            let r = try await Self.run(arguments, in: dir)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("cannot read inputs: it is a directory"), "\(r)")
            #expect(!r.stderr.contains("no such file"), "\(r)")
        }
        let missing = try await Self.run(["--inputs", "nope.json"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("cannot read nope.json: no such file"), "\(missing)")
    }

    // MARK: Strictness

    @Test func duplicateKeyInAnInputsFileIsLocated() async throws {
        let dir = try Self.project(["in.json": "{\"x\": \"first\",\n  \"x\": \"second\"}\n"])
        let r = try await Self.run(["--inputs", "in.json"], in: dir)
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "error: in.json:2:3: input `x`: duplicate key `x` (first at line 1, column 2): keys in an object must be unique"
            ), "\(r)")
    }

    @Test func trailingCommaInAnInputsFileIsLocated() async throws {
        let dir = try Self.project(["in.json": "{\"x\": \"a\",}"])
        let r = try await Self.run(["--inputs", "in.json"], in: dir)
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "error: in.json:1:11: expected another member after `,` (trailing commas are not allowed)"), "\(r)")
        let piped = try await Self.run(["--inputs", "-"], stdin: "[1,]", in: dir)
        #expect(
            piped.status == 2 && piped.stderr.contains("error: <stdin>:1:4: expected another element after `,`"),
            "\(piped)")
    }

    @Test func anIntegerAFloatWouldChangeIsRefusedNamingTheInput() async throws {
        let dir = try Self.project([
            "in.json": "{\"x\": \"a\",\n \"n\": 9999999999999999999999}", "n.txt": "9007199254740993\n",
        ])
        let direct = try await Self.run(["--input", "x=a", "--input", "n=9999999999999999999999"], in: dir)
        #expect(direct.status == 2, "\(direct)")
        #expect(
            direct.stderr.contains(
                "error: --input n: the number `9999999999999999999999` has more digits than a 64-bit float keeps: it would be read as 1e+22"
            ), "\(direct)")
        let file = try await Self.run(["--inputs", "in.json"], in: dir)
        #expect(file.status == 2, "\(file)")
        #expect(file.stderr.contains("error: in.json:2:7: input `n`: the number `9999999999999999999999`"), "\(file)")
        let at = try await Self.run(["--input", "x=a", "--input", "n=@n.txt"], in: dir)
        #expect(at.status == 2, "\(at)")
        #expect(at.stderr.contains("error: --input n: n.txt:1:1: the number `9007199254740993`"), "\(at)")
        // 2^54 is held exactly: no error.
        let exact = try await Self.run(["--input", "x=a", "--input", "n=18014398509481984"], in: dir)
        #expect(exact.status == 0, "\(exact)")
    }
}
