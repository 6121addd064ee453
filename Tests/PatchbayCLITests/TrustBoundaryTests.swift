import Foundation
import PatchbayCore
import Testing

/// The trust boundary, attacked the way a stranger's graph in a cloned repository would:
/// write-file aimed at files that run or configure tools, eval variants and sub-graphs that ride
/// on the main graph's trust, and sub-graph paths that leave the project or name a non-graph.
@Suite("patchbay trust boundary")
struct TrustBoundaryTests {
    /// Writes `text` to the path given as input `target`.
    static let writeGraph = """
        patchbay: 1
        nodes:
          target: { kind: input, type: string }
          text: { kind: input, type: string }
          save: { kind: write-file, path: '{{target}}' }
          done: { kind: output }
        wires:
          - text -> save.content
          - target -> save.target
          - save.path -> done

        """

    /// A git checkout (the project root is the repository root), with a config and another graph.
    static func checkout(_ files: [String: String] = [:]) throws -> URL {
        let root = try Scratch.make("checkout")
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", root.path]
        try git.run()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
        let all = [
            "w.graph.yaml": writeGraph, "patchbay.toml": "# project settings\n",
            "other.graph.yaml": "patchbay: 1\nnodes: {}\n",
        ]
        .merging(files) { $1 }
        for (name, text) in all {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    static func contents(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    // MARK: write-file (hole 1)

    @Test(
        "an untrusted graph cannot write files that run or configure tools",
        arguments: [
            ".git/config", ".git/hooks/pre-commit", "patchbay.toml", "other.graph.yaml", ".patchbay/x",
            ".github/workflows/ci.yml", ".envrc", "notes/../.git/config", "out/../.git/config", "src/new.txt",
            "out/.envrc", "out/x.graph.yaml", "out/patchbay.toml",
        ])
    func untrustedWriteRefused(target: String) async throws {
        let root = try Self.checkout([".patchbay/x": "history\n"])
        let file = root.appendingPathComponent(target).standardizedFileURL
        let before = Self.contents(file)
        let r = try await CLI.run([
            "run", root.appendingPathComponent("w.graph.yaml").path, "--input", "target=\(target)", "--input",
            "text=[core]\n\tfsmonitor = touch pwned\n",
        ])
        #expect(r.status == 1, "\(r)")
        #expect(Self.contents(file) == before, "\(target) changed")
        #expect(r.stderr.contains("out/"), "the error names the folder an untrusted graph may write: \(r)")
        #expect(r.stderr.contains("trust"), "and how to trust the graph instead: \(r)")
    }

    @Test("a committed `out` symlink into .git does not open .git to an untrusted graph")
    func outSymlinkToGit() async throws {
        let root = try Self.checkout()
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("out").path, withDestinationPath: ".git")
        let config = root.appendingPathComponent(".git/config")
        let before = Self.contents(config)
        for target in ["out/config", "out/hooks/pre-commit"] {
            let r = try await CLI.run([
                "run", root.appendingPathComponent("w.graph.yaml").path, "--input", "target=\(target)", "--input",
                "text=x",
            ])
            #expect(r.status == 1, "\(target): \(r)")
        }
        #expect(Self.contents(config) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".git/hooks/pre-commit").path))
        // Trusted or not, .git stays closed.
        let trusted = try await CLI.run([
            "run", root.appendingPathComponent("w.graph.yaml").path, "--trust", "--input", "target=out/config",
            "--input", "text=x",
        ])
        #expect(trusted.status == 1, "\(trusted)")
        #expect(Self.contents(config) == before)
    }

    @Test("an untrusted graph writes under out/, which is made on demand")
    func untrustedWritesUnderOut() async throws {
        let root = try Self.checkout()
        let r = try await CLI.run([
            "run", root.appendingPathComponent("w.graph.yaml").path, "--input", "target=out/reports/a.txt", "--input",
            "text=hello",
        ])
        #expect(r.status == 0, "\(r)")
        #expect(Self.contents(root.appendingPathComponent("out/reports/a.txt")) == "hello")
    }

    @Test("a trusted graph writes anywhere in the project but .git/ and .patchbay/")
    func trustedWrites() async throws {
        let root = try Self.checkout([".patchbay/x": "history\n"])
        let graph = root.appendingPathComponent("w.graph.yaml").path
        let ok = try await CLI.run(["run", graph, "--trust", "--input", "target=notes/a.txt", "--input", "text=mine"])
        #expect(ok.status == 0, "\(ok)")
        #expect(Self.contents(root.appendingPathComponent("notes/a.txt")) == "mine")
        for target in [".git/config", ".patchbay/x", ".GIT/config"] {
            let before = Self.contents(root.appendingPathComponent(target))
            let r = try await CLI.run(["run", graph, "--trust", "--input", "target=\(target)", "--input", "text=x"])
            #expect(r.status == 1, "\(target): \(r)")
            #expect(r.stderr.contains(".git/") && r.stderr.contains(".patchbay/"), "\(r)")
            #expect(Self.contents(root.appendingPathComponent(target)) == before)
        }
    }

    // MARK: Per-file trust (hole 3)

    /// Echoes `question`; the stranger's version first leaves a mark in the project folder.
    static func commandGraph(_ argv: String) -> String {
        """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          echo: { kind: command, command: \(argv) }
          answer: { kind: output }
        wires:
          - question -> echo
          - echo -> answer

        """
    }

    static let stranger = commandGraph(#"[sh, -c, "touch pwned; cat"]"#)

    @Test("an eval variant does not inherit the main graph's --trust")
    func evalVariantRefused() async throws {
        let root = try Scratch.project([
            "mine.graph.yaml": Self.commandGraph("[cat]"),
            "stranger.graph.yaml": Self.stranger,
            "c.cases.yaml":
                "cases:\n  - { id: one, inputs: { question: hi }, expect: { contains: hi } }\n  - { id: two, inputs: { question: yo }, expect: { contains: yo } }\n",
        ])
        let r = try await CLI.run(
            [
                "eval", "mine.graph.yaml", "--variant", "stranger.graph.yaml", "--cases", "c.cases.yaml", "--trust",
                "--json", "--no-store",
            ], in: root)
        #expect(
            !FileManager.default.fileExists(atPath: root.appendingPathComponent("pwned").path),
            "the stranger's command ran: \(r)")
        // Refused before any case runs, naming the variant's file; the main graph alone runs.
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("stranger.graph.yaml is not trusted"), "\(r)")
        let main = try await CLI.run(
            ["eval", "mine.graph.yaml", "--cases", "c.cases.yaml", "--trust", "--json", "--no-store"], in: root)
        let summaries = try JSONValue(parsing: main.stdout)["summaries"]?.arrayValue ?? []
        #expect(summaries.count == 1 && summaries[0]["passed"] == 2, "the trusted main graph's command runs: \(main)")
    }

    @Test("a sub-graph of a trusted graph needs trust of its own to run commands")
    func untrustedSubgraphOfTrustedMain() async throws {
        let root = try Scratch.project([
            "main.graph.yaml": """
            patchbay: 1
            nodes:
              question: { kind: input, type: string }
              call: { kind: graph, graph: tools/sub.graph.yaml }
              answer: { kind: output }
            wires:
              - question -> call.question
              - call.answer -> answer

            """,
            "tools/sub.graph.yaml": Self.stranger,
        ])
        let config = try Scratch.make("xdg")
        let env = ["XDG_CONFIG_HOME": config.path]
        let refused = try await CLI.run(
            ["run", "main.graph.yaml", "--trust", "--input", "question=hi"], in: root, environment: env)
        #expect(refused.status == 2, "\(refused)")
        #expect(
            refused.stderr.contains("not trusted") && refused.stderr.contains("sub.graph.yaml"),
            "the error names the untrusted file: \(refused)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("pwned").path), "\(refused)")

        let trust = try await CLI.run(["trust", "tools/sub.graph.yaml"], in: root, environment: env)
        #expect(trust.status == 0, "\(trust)")
        let ran = try await CLI.run(
            ["run", "main.graph.yaml", "--trust", "--input", "question=hi"], in: root, environment: env)
        #expect(ran.status == 0, "\(ran)")
        #expect(ran.stdout == "hi\n", "\(ran)")
    }

    // MARK: Sub-graph paths (hole 4)

    static func includer(_ path: String) -> String {
        """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          call:
            kind: graph
            graph: '\(path)'
          answer: { kind: output }
        wires:
          - question -> call.question
          - call.answer -> answer

        """
    }

    static let secret = "sk-very-secret-0451"

    @Test(
        "a sub-graph path outside the project is refused, located, and the file is not echoed",
        arguments: [
            "/etc/passwd", "../secret.graph.yaml", "../secret.txt", "link.graph.yaml", "../../../../../../etc/passwd",
        ])
    func subgraphOutsideProject(path: String) async throws {
        let outer = try Scratch.make("outer")
        let root = try Scratch.project(["main.graph.yaml": Self.includer(path)], in: outer)
        try Data("\(Self.secret): [a\nkey = \(Self.secret)\n".utf8).write(
            to: outer.appendingPathComponent("secret.graph.yaml"))
        try Data("\(Self.secret): 1\n".utf8).write(to: outer.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("link.graph.yaml").path,
            withDestinationPath: outer.appendingPathComponent("secret.graph.yaml").path)
        let main = root.appendingPathComponent("main.graph.yaml").path
        for command in [["validate", main], ["run", main, "--input", "question=hi"]] {
            let r = try await CLI.run(command)
            #expect(r.status == 2, "\(command): \(r)")
            let located = r.stderr.diagnostics(for: main)
            #expect(
                located.contains { $0.line == 6 && $0.column == 5 && $0.message.contains("outside the project") },
                "\(command): \(r)")
            #expect(r.stderr.contains("trust"), "the hint says how to allow it: \(r)")
            for leaked in [Self.secret, "root:", "/bin/"] {
                #expect(!r.stderr.contains(leaked) && !r.stdout.contains(leaked), "\(command) echoed \(leaked): \(r)")
            }
        }
    }

    @Test("a trusted graph may name a sub-graph outside its project")
    func trustedIncludesOutside() async throws {
        let outer = try Scratch.make("outer")
        let root = try Scratch.project(["main.graph.yaml": Self.includer("../shared/echo.graph.yaml")], in: outer)
        let shared = outer.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try Data(
            "patchbay: 1\nnodes:\n  question: { kind: input }\n  answer: { kind: output }\nwires:\n  - question -> answer\n"
                .utf8
        )
        .write(to: shared.appendingPathComponent("echo.graph.yaml"))
        let main = root.appendingPathComponent("main.graph.yaml").path
        let refused = try await CLI.run(["validate", main])
        #expect(refused.status == 2, "\(refused)")
        let trusted = try await CLI.run(["validate", main, "--trust"])
        #expect(trusted.status == 0, "\(trusted)")
        let ran = try await CLI.run(["run", main, "--trust", "--input", "question=hi"])
        #expect(ran.status == 0 && ran.stdout == "hi\n", "\(ran)")
    }

    @Test(
        "a sub-graph inside the project that is not a graph is reported without its content",
        arguments: ["notes.txt", "data.yaml", "keys.json", "cert.pem"])
    func subgraphNotAGraph(name: String) async throws {
        let text =
            name.hasSuffix(".json")
            ? "{\"\(Self.secret)\": 1}\n" : "\(Self.secret): 1\npassword: hunter2-\(Self.secret)\n"
        let root = try Scratch.project(["main.graph.yaml": Self.includer(name), name: text])
        let main = root.appendingPathComponent("main.graph.yaml").path
        let r = try await CLI.run(["validate", main])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.diagnostics(for: main).contains { $0.line == 6 && $0.column == 5 }, "\(r)")
        #expect(r.stderr.contains("not a graph"), "\(r)")
        #expect(!r.stderr.contains(Self.secret) && !r.stdout.contains(Self.secret), "\(r)")
    }
}
