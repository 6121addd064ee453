import Foundation
import PatchbayCore
import Testing

/// Hostile text in node ids, titles, field values, file names and cases headers: an SGR colour
/// (`ESC[31m`), an OSC title sequence, BEL, a screen clear, a right-to-left override, a
/// zero-width space and NUL. Whatever the command and whichever stream, none of it reaches the
/// terminal raw: no byte below 0x20 but newline and tab, no C1 control, no invisible or bidi
/// character. JSON keeps its meaning (`\u202e`), exports stay valid DOT and Mermaid.
@Suite("patchbay escaping")
struct EscapingTests {
    /// Every hostile piece, as a YAML double-quoted string spells it (the files stay ASCII).
    static let yamlHostile = #"\e[31m\e]0;pwned\a\a\e[2J\u202e\u200b"#
    /// The same text as the decoder reads it.
    static let hostile = "\u{1B}[31m\u{1B}]0;pwned\u{07}\u{07}\u{1B}[2J\u{202E}\u{200B}"

    /// Invisible and bidi characters only: an id holding them is a warning, so the graph runs
    /// (an id holding a control character is refused; `broken` has those).
    static let yamlInvisible = #"\u202e\u200b"#
    static let invisible = "\u{202E}\u{200B}"

    /// A graph that runs without a model: hostile title, ids, and a jq value with NUL as well.
    static let runnable = graph(ids: yamlInvisible)

    static func graph(ids: String) -> String {
        """
        patchbay: 1
        title: "T\(yamlHostile)"
        nodes:
          "in\(ids)":
            kind: input
          "paint\(ids)":
            kind: jq
            jq: '"\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\u200b\\u0000" + .'
          "out\(ids)":
            kind: output
        wires:
          - "in\(ids) -> paint\(ids)"
          - "paint\(ids) -> out\(ids)"

        """
    }

    /// What the jq node makes of the input `x`.
    static let painted = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}\u{200B}\u{0}x"

    /// The same graph with a typo in a wire, for diagnostics with a "did you mean".
    static var broken: String {
        graph(ids: yamlHostile).replacingOccurrences(
            of: "  - \"paint\(yamlHostile) -> out", with: "  - \"pain\(yamlHostile) -> out")
    }

    /// Scalars that must never leave the process raw, whatever the output.
    static func rawProblems(_ data: Data, _ stream: String) -> [String] {
        var problems: [String] = []
        for (offset, byte) in data.enumerated() where byte < 0x20 && byte != 0x0A && byte != 0x09 {
            problems.append("\(stream): raw byte 0x\(String(byte, radix: 16)) at offset \(offset)")
        }
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
                problems.append("\(stream): raw U+\(String(scalar.value, radix: 16, uppercase: true))")
            default: break
            }
        }
        return problems
    }

    static func expectClean(_ r: CLIResult, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    {
        let problems = rawProblems(r.stdoutData, "stdout") + rawProblems(r.stderrData, "stderr")
        #expect(
            problems.isEmpty, "\(label): \(problems.prefix(6).joined(separator: "; ")): \(r)",
            sourceLocation: sourceLocation)
    }

    static func project(_ files: [String: String]) throws -> URL { try Scratch.project(files) }

    @Test("validate: hostile ids, title and a did-you-mean print escaped, at their file:line:column")
    func validateDiagnostics() async throws {
        let dir = try Self.project(["h.graph.yaml": Self.broken])
        let file = dir.appendingPathComponent("h.graph.yaml").path
        let r = try await CLI.run(["validate", file])
        #expect(r.status == 2, "\(r)")
        Self.expectClean(r, "validate")
        let diagnostics = r.stderr.diagnostics(for: file)
        #expect(
            diagnostics.contains {
                $0.line == 13 && $0.message.contains("pain\\x1b[31m\\x1b]0;pwned\\x07\\x07\\x1b[2J\\u{202E}\\u{200B}")
            }, "\(r)")
        #expect(r.stderr.contains("did you mean `paint\\x1b[31m"), "\(r)")
    }

    @Test("did you mean: `a\\u{200B}b` and `ab` look different, and the hint says why")
    func didYouMeanInvisible() async throws {
        let graph = """
            patchbay: 1
            nodes:
              "a\\u200bb":
                kind: input
              out:
                kind: output
            wires:
              - ab -> out

            """
        let dir = try Self.project(["z.graph.yaml": graph])
        let file = dir.appendingPathComponent("z.graph.yaml").path
        let r = try await CLI.run(["validate", file])
        #expect(r.status == 2, "\(r)")
        Self.expectClean(r, "validate")
        #expect(r.stderr.diagnostics(for: file).first?.message.contains("unknown node `ab`") == true, "\(r)")
        let hint = try #require(
            r.stderr.split(separator: "\n").first { $0.contains("did you mean") }.map(String.init), "\(r)")
        #expect(hint.contains("did you mean `a\\u{200B}b`?"), "\(hint)")
        #expect(hint.contains("differ only in invisible characters"), "\(hint)")
        #expect(!hint.contains("did you mean `ab`"), "the suggestion must not read like the word: \(hint)")
    }

    @Test("validate and fmt --check print a hostile file name escaped")
    func hostileFileName() async throws {
        let name = "x\u{1B}[31m\u{1B}]0;pwned\u{07}\u{202E}\u{200B}.graph.yaml"
        let messy = "patchbay: 1\nnodes:\n  q: {kind: input}\n  a: {kind: output}\nwires: [q -> a]\n"
        let dir = try Self.project([name: messy])
        let file = dir.appendingPathComponent(name).path
        let escapedName = "x\\x1b[31m\\x1b]0;pwned\\x07\\u{202E}\\u{200B}.graph.yaml"

        let ok = try await CLI.run(["validate", file])
        #expect(ok.status == 0, "\(ok)")
        Self.expectClean(ok, "validate")
        #expect(ok.stdout.contains(escapedName + ": ok"), "\(ok)")

        let check = try await CLI.run(["fmt", "--check", file])
        #expect(check.status == 1, "\(check)")
        Self.expectClean(check, "fmt --check")
        #expect(check.stdout.contains(escapedName), "\(check)")

        let missing = try await CLI.run(["validate", dir.appendingPathComponent("no" + name).path])
        #expect(missing.status == 2, "\(missing)")
        Self.expectClean(missing, "validate (missing)")
        let missingFmt = try await CLI.run(["fmt", "--check", dir.appendingPathComponent("no" + name).path])
        #expect(missingFmt.status == 2, "\(missingFmt)")
        Self.expectClean(missingFmt, "fmt --check (missing)")
    }

    @Test("fmt --check of a hostile graph that does not parse reports it escaped")
    func fmtCheckDiagnostics() async throws {
        let dir = try Self.project(["h.graph.yaml": Self.runnable + "\"tilte\(Self.yamlHostile)\": x\n"])
        let r = try await CLI.run(["fmt", "--check", dir.appendingPathComponent("h.graph.yaml").path])
        #expect(r.status == 2, "\(r)")
        Self.expectClean(r, "fmt --check")
    }

    @Test(
        "export as dot and mermaid: escaped inside the format, one line per node and wire",
        arguments: ["dot", "mermaid"])
    func export(format: String) async throws {
        let dir = try Self.project(["h.graph.yaml": Self.runnable])
        let r = try await CLI.run(["export", dir.appendingPathComponent("h.graph.yaml").path, "--format", format])
        #expect(r.status == 0, "\(r)")
        Self.expectClean(r, "export --format \(format)")
        let lines = r.stdoutLines
        if format == "dot" {
            #expect(lines.first == "digraph \"T&#27;[31m&#27;]0;pwned&#7;&#7;&#27;[2J&#8238;&#8203;\" {", "\(r)")
            #expect(lines.count == 9, "header, three nodes, two wires, closing brace: \(r)")
            #expect(lines.filter { $0.contains(" -> ") }.count == 2, "\(r)")
        } else {
            #expect(lines.first == "flowchart LR", "\(r)")
            #expect(lines.count == 6, "\(r)")
            #expect(r.stdout.contains("in#8238;#8203;<br/>"), "\(r)")
        }
    }

    @Test("run prints outputs, progress and the summary escaped; --json and --events keep the value")
    func run() async throws {
        let dir = try Self.project(["h.graph.yaml": Self.runnable])
        let file = dir.appendingPathComponent("h.graph.yaml").path
        let input = "in\(Self.invisible)=x"

        let plain = try await CLI.run(["run", file, "--input", input])
        #expect(plain.status == 0, "\(plain)")
        Self.expectClean(plain, "run")
        #expect(plain.stdout == "\\x1b]0;pwned\\x07\\x1b[2J\\u{202E}\\u{200B}\\x00x\n", "\(plain)")

        let json = try await CLI.run(["run", file, "--input", input, "--json"])
        #expect(json.status == 0, "\(json)")
        Self.expectClean(json, "run --json")
        let result = try JSONValue(parsing: json.stdout)
        #expect(result["outputs"]?["out\(Self.invisible)"] == .string(Self.painted), "the value survives: \(json)")
        #expect(json.stdout.contains("\\u202e\\u200b"), "JSON escapes, not \\u{…}: \(json)")

        let events = try await CLI.run(["run", file, "--input", input, "--events"])
        #expect(events.status == 0, "\(events)")
        Self.expectClean(events, "run --events")
        let lines = try events.stdoutLines.map { try JSONValue(parsing: $0) }
        #expect(
            lines.first?["plan"] == .array(["in", "paint", "out"].map { .string($0 + Self.invisible) }), "\(events)")

        let step = try await CLI.run(["step", file, "--input", input], stdin: "")
        #expect(step.status == 0, "\(step)")
        Self.expectClean(step, "step")
    }

    @Test("a run whose error quotes hostile text prints it escaped")
    func runError() async throws {
        let graph = Self.runnable.replacingOccurrences(
            of: #"jq: '"\u001b]0;pwned\u0007\u001b[2J\u202e\u200b\u0000" + .'"#,
            with: #"jq: 'error("\u001b]0;pwned\u0007\u001b[2J\u202e\u200b\u0000")'"#)
        #expect(graph != Self.runnable)
        let dir = try Self.project(["e.graph.yaml": graph])
        let r = try await CLI.run([
            "run", dir.appendingPathComponent("e.graph.yaml").path, "--input", "in\(Self.invisible)=x",
        ])
        #expect(r.status == 1, "\(r)")
        Self.expectClean(r, "run (failing)")
        #expect(r.stderr.contains("pwned"), "\(r)")
    }

    @Test("runs and show list a hostile run escaped; their --json keeps the text")
    func history() async throws {
        let dir = try Self.project(["h.graph.yaml": Self.runnable])
        let file = dir.appendingPathComponent("h.graph.yaml").path
        let first = try await CLI.run(["run", file, "--input", "in\(Self.invisible)=x", "--json"], in: dir)
        #expect(first.status == 0, "\(first)")
        let id = try #require(try JSONValue(parsing: first.stdout)["run_id"]?.stringValue)

        for args in [
            ["runs"], ["runs", "--json"], ["show", id], ["show", id, "--json"],
            ["show", id, "--step", "paint\(Self.invisible)"],
            ["show", id, "--step", "paint\(Self.invisible)", "--json"], ["show", id, "--step", "nope\(Self.hostile)"],
        ] {
            let r = try await CLI.run(args, in: dir)
            Self.expectClean(r, args.joined(separator: " "))
            if args.contains("--json") {
                let parsed = try? JSONValue(parsing: r.stdout)
                #expect(r.status == 0 && parsed != nil, "\(args): \(r)")
            }
        }
        let step = try await CLI.run(["show", id, "--step", "paint\(Self.invisible)", "--json"], in: dir)
        #expect(try JSONValue(parsing: step.stdout)["outputs"]?["value"] == .string(Self.painted), "\(step)")
    }

    @Test("eval: a cases CSV header holding ESC, NUL and U+202E is reported escaped")
    func evalCSVHeader() async throws {
        let graph = "patchbay: 1\nnodes:\n  q: {kind: input}\n  a: {kind: output}\nwires: [q -> a]\n"
        let dir = try Self.project(["s.graph.yaml": graph])
        var csv = Data("id,q".utf8)
        csv.append(contentsOf: [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x00, 0x07])
        csv.append(Data("\u{202E}\u{200B}x,expect.contains\nc1,hello,hello\n".utf8))
        try csv.write(to: dir.appendingPathComponent("bad.cases.csv"))
        let r = try await CLI.run([
            "eval", dir.appendingPathComponent("s.graph.yaml").path, "--cases",
            dir.appendingPathComponent("bad.cases.csv").path,
        ])
        #expect(r.status == 2, "\(r)")
        Self.expectClean(r, "eval")
        #expect(r.stderr.contains("`q\\x1b[31m\\x00\\x07\\u{202E}\\u{200B}x`"), "\(r)")
    }

    @Test("a usage error quoting a hostile argument prints it escaped")
    func usageError() async throws {
        let dir = try Self.project(["h.graph.yaml": Self.runnable])
        let file = dir.appendingPathComponent("h.graph.yaml").path
        let format = try await CLI.run(["export", file, "--format", "svg\(Self.hostile)"])
        #expect(format.status == 2, "\(format)")
        Self.expectClean(format, "export --format")
        let input = try await CLI.run(["run", file, "--input", "nope\(Self.hostile)=1"])
        #expect(input.status == 2, "\(input)")
        Self.expectClean(input, "run --input")
    }

    @Test(
        "eval on a terminal: the progress line still clears itself, the report's text is escaped",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func evalOnATerminal() async throws {
        let graph = "patchbay: 1\nnodes:\n  q: {kind: input}\n  a: {kind: output}\nwires: [q -> a]\n"
        let dir = try Self.project([
            "s.graph.yaml": graph, "c.cases.csv": "id,q,expect.contains\nc1,hello,hello\nc2,b\u{200B}y\u{1B}[2Je,bye\n",
        ])
        let binary = try CLI.binary.get().path
        // `script` gives the command a pseudo-terminal: stderr is a tty, so progress is drawn.
        let command = "'\(binary)' eval s.graph.yaml --cases c.cases.csv --no-store"
        let data = try Self.runInPTY(command, in: dir)
        let screen = String(decoding: data, as: UTF8.self)
        #expect(
            screen.contains("\r\u{1B}[K  eval: 2/2 samples"),
            "the CLI's own clear-line is sent as a sequence: \(screen.debugDescription)")
        // The report quotes the value as a JSON string (`\u001b`); the zero-width space is made visible.
        #expect(screen.contains("\"b\\u{200B}y\\u001b[2Je\" does not contain \"bye\""), "\(screen.debugDescription)")
        // Every ESC on the terminal starts the CLI's own `ESC[K`; nothing else reached it raw.
        let escapes = screen.components(separatedBy: "\u{1B}").dropFirst()
        #expect(!escapes.isEmpty && escapes.allSatisfy { $0.hasPrefix("[K") }, "\(screen.debugDescription)")
        #expect(!screen.unicodeScalars.contains { $0.value == 0x200B }, "\(screen.debugDescription)")
    }

    /// Runs a shell command under `script` and returns what its terminal received.
    static func runInPTY(_ command: String, in directory: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = try CLI.emptyConfig.get().path
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    @Test("the workbench draws zero-width and bidi characters of ids and titles visibly")
    func workbench() async throws {
        let name = "hostile.graph.yaml"
        let graph = """
            patchbay: 1
            title: "T\\e]0;pwned\\a\\u202eT"
            nodes:
              "te\\u200bxt": { kind: input, type: string, description: "d\\u202e\\e[2Jd" }
              out: { kind: output, type: string }
            wires:
              - "te\\u200bxt -> out"

            """
        let tmux = try await TmuxSession(graph: name, files: [name: graph])
        defer { tmux.close() }
        let screen = try await tmux.waitForAll(["te\\u{200B}xt", "[1] Graph"])
        #expect(
            !screen.unicodeScalars.contains { [0x200B, 0x202E].contains($0.value) },
            "raw invisible characters on screen:\n\(screen)")
        let title = try await tmux.paneFormat("#{pane_title}")
        #expect(!title.contains("pwned"), "the graph's title retitled the terminal: \(title)")
    }
}
