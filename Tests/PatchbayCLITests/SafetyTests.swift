import Foundation
import PatchbayCore
import Testing

/// Command nodes and trust, files outside the project, control characters in values.
@Suite("patchbay safety")
struct SafetyTests {
    static let commandGraph = """
        patchbay: 1
        nodes:
          text:
            kind: input
            type: string
          echo:
            kind: command
            command: [cat]
          echoed:
            kind: output
        wires:
          - text -> echo
          - echo -> echoed

        """

    @Test("a command node is refused without --trust, and runs with it")
    func commandNeedsTrust() async throws {
        let dir = try Scratch.project(["cmd.graph.yaml": Self.commandGraph])
        let graph = dir.appendingPathComponent("cmd.graph.yaml").path

        let refused = try await CLI.run(["run", graph, "--input", "text=hello"])
        // Before anything runs: nothing of the graph starts.
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("not trusted"), "\(refused)")
        #expect(refused.stderr.contains("--trust"), "\(refused)")
        #expect(refused.stderr.contains("patchbay trust"), "\(refused)")
        #expect(refused.stdout.isEmpty, "\(refused)")

        let trusted = try await CLI.run(["run", graph, "--input", "text=hello", "--trust"])
        #expect(trusted.status == 0, "\(trusted)")
        // `cat` echoes the JSON it was given: the string comes back as the same string.
        #expect(trusted.stdout == "hello\n", "\(trusted)")
    }

    @Test("`patchbay trust` adds the graph to the trust list; then it runs without the flag")
    func trustList() async throws {
        let dir = try Scratch.project(["cmd.graph.yaml": Self.commandGraph])
        let graph = dir.appendingPathComponent("cmd.graph.yaml").path
        let config = try Scratch.make("xdg")
        let env = ["XDG_CONFIG_HOME": config.path]

        let before = try await CLI.run(["run", graph, "--input", "text=hi"], environment: env)
        #expect(before.status == 2, "\(before)")

        let add = try await CLI.run(["trust", graph], environment: env)
        #expect(add.status == 0, "\(add)")
        let listFile = config.appendingPathComponent("patchbay/trusted")
        let list = try String(contentsOf: listFile, encoding: .utf8)
        #expect(
            list.split(separator: "\n").map(String.init) == [URL(fileURLWithPath: graph).standardizedFileURL.path],
            "\(list)")
        let mode = try FileManager.default.attributesOfItem(atPath: listFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let listed = try await CLI.run(["trust"], environment: env)
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains(graph), "\(listed)")

        // Run from the graph's folder with a relative path: the list holds absolute paths.
        let after = try await CLI.run(["run", "cmd.graph.yaml", "--input", "text=hi"], in: dir, environment: env)
        #expect(after.status == 0, "\(after)")
        #expect(after.stdout == "hi\n", "\(after)")

        let remove = try await CLI.run(["trust", "--remove", graph], environment: env)
        #expect(remove.status == 0, "\(remove)")
        let again = try await CLI.run(["run", graph, "--input", "text=hi"], environment: env)
        #expect(again.status == 2, "\(again)")
    }

    @Test("a trust list in another config folder does not trust the graph")
    func trustIsPerUser() async throws {
        let dir = try Scratch.project(["cmd.graph.yaml": Self.commandGraph])
        let graph = dir.appendingPathComponent("cmd.graph.yaml").path
        let mine = try Scratch.make("xdg")
        _ = try await CLI.run(["trust", graph], environment: ["XDG_CONFIG_HOME": mine.path])
        let other = try await CLI.run(
            ["run", graph, "--input", "text=hi"], environment: ["XDG_CONFIG_HOME": try Scratch.make("xdg").path])
        #expect(other.status == 2, "\(other)")
    }

    static func readGraph(_ path: String) -> String {
        """
        patchbay: 1
        nodes:
          content:
            kind: read-file
            path: \(path)
          shown:
            kind: output
        wires:
          - content -> shown

        """
    }

    @Test("read-file reads inside the project folder")
    func readInside() async throws {
        let dir = try Scratch.project([
            "read.graph.yaml": Self.readGraph("data/note.txt"),
            "data/note.txt": "inside the project",
        ])
        let r = try await CLI.run(["run", dir.appendingPathComponent("read.graph.yaml").path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "inside the project\n", "\(r)")
    }

    @Test(
        "read-file refuses a path outside the project folder",
        arguments: ["../secret.txt", "data/../../secret.txt", "/etc/hostname"])
    func readOutside(path: String) async throws {
        let dir = try Scratch.project(["read.graph.yaml": Self.readGraph(path)], in: Scratch.make("outer"))
        try Data("not for graphs".utf8).write(to: dir.deletingLastPathComponent().appendingPathComponent("secret.txt"))
        let r = try await CLI.run(["run", dir.appendingPathComponent("read.graph.yaml").path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("outside the project folder"), "\(r)")
        #expect(!r.stdout.contains("not for graphs") && !r.stderr.contains("not for graphs"), "\(r)")
    }

    @Test("read-file refuses a symlink that leads outside the project folder")
    func readThroughSymlink() async throws {
        let dir = try Scratch.project(["read.graph.yaml": Self.readGraph("link.txt")])
        let outside = try Scratch.make("outside").appendingPathComponent("secret.txt")
        try Data("not for graphs".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("link.txt"), withDestinationURL: outside)
        let r = try await CLI.run(["run", dir.appendingPathComponent("read.graph.yaml").path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("outside the project folder"), "\(r)")
        #expect(!r.stdout.contains("not for graphs"), "\(r)")
    }

    static let escapeGraph = """
        patchbay: 1
        nodes:
          text:
            kind: input
          paint:
            kind: jq
            jq: '"\\u001b[31mred" + .'
          painted:
            kind: output
        wires:
          - text -> paint
          - paint -> painted

        """

    @Test("control characters in outputs are printed escaped, never as raw bytes")
    func controlCharacters() async throws {
        let dir = try Scratch.project(["paint.graph.yaml": Self.escapeGraph])
        let graph = dir.appendingPathComponent("paint.graph.yaml").path
        let esc: UInt8 = 0x1B

        let plain = try await CLI.run(["run", graph, "--input", "text=!"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout == "\\x1b[31mred!\n", "\(plain)")
        #expect(!plain.stdoutData.contains(esc) && !plain.stderrData.contains(esc))

        // JSON escapes it its own way, and the value survives the round trip.
        let json = try await CLI.run(["run", graph, "--input", "text=!", "--json"])
        #expect(json.status == 0, "\(json)")
        #expect(!json.stdoutData.contains(esc))
        #expect(try JSONValue(parsing: json.stdout)["outputs"]?["painted"] == .string("\u{1B}[31mred!"))

        let step = try await CLI.run(["step", graph, "--input", "text=!"], stdin: "")
        #expect(step.status == 0, "\(step)")
        #expect(step.stdout.contains("\\x1b[31mred!"), "\(step)")
        #expect(!step.stdoutData.contains(esc) && !step.stderrData.contains(esc))
    }

    @Test("control characters in an error message are escaped too")
    func controlCharactersInErrors() async throws {
        let graph = Self.escapeGraph.replacingOccurrences(
            of: #"'"\u001b[31mred" + .'"#, with: #"'error("\u001b[2Jwiped")'"#)
        #expect(graph != Self.escapeGraph)
        let dir = try Scratch.project(["fail.graph.yaml": graph])
        let r = try await CLI.run(["run", dir.appendingPathComponent("fail.graph.yaml").path, "--input", "text=!"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("wiped"), "\(r)")
        #expect(!r.stderrData.contains(0x1B) && !r.stdoutData.contains(0x1B), "\(r)")
    }
}
