import Foundation
import PatchbayCore
import Testing

@Suite("patchbay fmt")
struct FmtCommandTests {
    @Test("the sample graphs are canonical: --check exits 0 and prints nothing")
    func samplesAreCanonical() async throws {
        let files = try ValidateCommandTests.sampleGraphs()
        let r = try await CLI.run(["fmt", "--check"] + files)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty, "files that are not canonical: \(r)")
    }

    /// text-stats written by hand in another style: flow mappings, other key order, extra blanks.
    static let messy = """
        # a comment that is kept
        title: Text statistics
        patchbay: 1
        nodes:
          text: { type: string, kind: input,   description: The text to measure }
          stats: {kind: jq, jq: '{words: (split(" ") | length)}'}


          counts: {kind: output}
        wires: [ "text -> stats", "stats -> counts" ]

        """

    @Test("--check lists a non-canonical file and exits 1; fmt rewrites it; the rewrite is stable")
    func rewrite() async throws {
        let dir = try Scratch.project(["messy.graph.yaml": Self.messy])
        let file = dir.appendingPathComponent("messy.graph.yaml")

        let check = try await CLI.run(["fmt", "--check", file.path])
        #expect(check.status == 1, "\(check)")
        #expect(check.stdoutLines == [file.path], "\(check)")
        #expect(try Data(contentsOf: file) == Data(Self.messy.utf8), "--check must not write")

        let fmt = try await CLI.run(["fmt", file.path])
        #expect(fmt.status == 0, "\(fmt)")
        let first = try Data(contentsOf: file)
        #expect(first != Data(Self.messy.utf8))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("# a comment that is kept\npatchbay: 1\ntitle: Text statistics\n"), "\(text)")
        #expect(!text.contains("\n\n"), "blank lines are gone: \(text)")
        // The same graph, only written differently.
        let before = try GraphCodec.decode(Self.messy, path: file.path).graph
        #expect(try GraphCodec.decode(text, path: file.path).graph == before)
        #expect(text.contains("  - text -> stats\n  - stats -> counts\n"), "one wire per line: \(text)")

        let again = try await CLI.run(["fmt", "--check", file.path])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.isEmpty, "\(again)")

        let second = try await CLI.run(["fmt", file.path])
        #expect(second.status == 0, "\(second)")
        #expect(try Data(contentsOf: file) == first, "a second fmt changed the file")

        // The reformatted graph is the same graph: it still runs to the same result.
        let run = try await CLI.run(["run", file.path, "--input", "text=a b c", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("\"words\":3"), "\(run)")
    }

    @Test("--check with canonical and non-canonical files lists only the latter")
    func checkLists() async throws {
        let dir = try Scratch.project(["messy.graph.yaml": Self.messy])
        let messy = dir.appendingPathComponent("messy.graph.yaml").path
        let r = try await CLI.run(["fmt", "--check", CLI.sample("text-stats.graph.yaml"), messy])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdoutLines == [messy], "\(r)")
    }

    @Test("a file that does not parse exits 2 and is left alone")
    func invalidFile() async throws {
        let text = "patchbay: 1\nnodes: [oops\n"
        let dir = try Scratch.project(["broken.graph.yaml": text])
        let file = dir.appendingPathComponent("broken.graph.yaml")
        let r = try await CLI.run(["fmt", file.path])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("broken.graph.yaml"), "\(r)")
        #expect(try Data(contentsOf: file) == Data(text.utf8))
    }
}
