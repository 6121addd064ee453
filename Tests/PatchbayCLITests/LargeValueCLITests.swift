import Foundation
import PatchbayCore
import Testing

/// Issue 12: a 50 MB input left a 262 MB database and a 264 MB WAL. `run` of a 12 MB `@file`
/// input through a template stores it once and leaves an empty WAL; `show` and `replay` give the
/// same value back.
@Suite struct LargeValueCLITests {
    static let graph = """
        patchbay: 1
        nodes:
          text: { kind: input, type: string }
          echo: { kind: template, template: '{{t}}' }
          stats: { kind: jq, jq: '{characters: length}' }
          copy: { kind: output, type: string }
          counts: { kind: output, type: object }
        wires:
          - text -> echo.t
          - text -> stats
          - echo.text -> copy
          - stats -> counts

        """

    static func size(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test("a 12 MB input through a template is stored once, leaves no WAL, and reads back equal")
    func storedOnce() async throws {
        let line = "a line of text with é, e\u{301} and 🙂, then a tab\tand more words to fill it up\n"
        let text = String(repeating: line, count: (12 << 20) / line.utf8.count)
        let project = try Scratch.project(["big.graph.yaml": Self.graph])
        try Data(text.utf8).write(to: project.appendingPathComponent("big.txt"))

        let start = Date()
        let run = try await CLI.run(["run", "big.graph.yaml", "--input", "text=@big.txt"], in: project, timeout: 300)
        let seconds = Date().timeIntervalSince(start)
        #expect(run.status == 0, "\(run.stderr)")
        let store = project.appendingPathComponent(".patchbay/patchbay.sqlite")
        let db = Self.size(store)
        let wal = Self.size(URL(fileURLWithPath: store.path + "-wal"))
        print("12 MB input: run \(String(format: "%.2f", seconds)) s, database \(db) bytes, WAL \(wal) bytes")
        // Before: the value 10 times in the rows, and a WAL as large as the database.
        #expect(db + wal < 2 * text.utf8.count, "database \(db) + WAL \(wal) bytes for a \(text.utf8.count)-byte value")
        #expect(wal < 8 << 20, "the WAL is \(wal) bytes after the run")

        // One step in JSON (all of `show --json` prints the value six times, slowly): byte for byte.
        let shown = try JSONValue(
            parsing: try await CLI.run(["show", "last", "--step", "copy", "--json"], in: project, timeout: 300).stdout)
        #expect(
            shown["inputs"]?["value"]?.stringValue.map { Array($0.utf8) } == Array(text.utf8),
            "\(shown["inputs"]?.objectValue?.keys.sorted() ?? [])")
        #expect(shown["outputs"]?["value"]?.stringValue.map { Array($0.utf8) } == Array(text.utf8))
        let replay = try await CLI.run(["replay", "last"], in: project, timeout: 300)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout == run.stdout, "the replay's outputs differ from the run's")
        #expect(
            Self.size(store) + Self.size(URL(fileURLWithPath: store.path + "-wal")) < 2 * text.utf8.count,
            "the replay stored it again")
    }
}
