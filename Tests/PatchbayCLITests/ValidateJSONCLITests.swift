import Foundation
import PatchbayCore
import Testing

@Suite("patchbay validate --json")
struct ValidateJSONCLITests {
    static let broken = """
        patchbay: 1
        nodes:
          topic: { kind: input, type: string }
          t: { kind: templat, template: "{{topic}}" }
          out: { kind: output }
        wires:
          - topc -> out

        """

    static let fine = """
        patchbay: 1
        nodes:
          topic: { kind: input, type: string }
          out: { kind: output }
        wires:
          - topic -> out

        """

    /// The 1-based column where `needle` starts on the 1-based `line` of `text`.
    static func column(of needle: String, line: Int, in text: String) -> Int {
        let row = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        return row.distance(from: row.startIndex, to: row.range(of: needle)!.lowerBound) + 1
    }

    @Test("one document: each file, ok or not, with kinds, places and suggestions as data; exit 2")
    func oneDocumentWithKinds() async throws {
        let dir = try Scratch.project(["broken.graph.yaml": Self.broken, "fine.graph.yaml": Self.fine])
        let broken = dir.appendingPathComponent("broken.graph.yaml").path
        let fine = dir.appendingPathComponent("fine.graph.yaml").path
        let r = try await CLI.run(["validate", "--json", broken, fine])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        let files = try #require(try JSONValue(parsing: r.stdout)["files"]?.arrayValue, "\(r)")
        #expect(files.count == 2)
        #expect(files[0]["file"] == .string(broken) && files[0]["ok"] == .bool(false))
        #expect(files[1]["file"] == .string(fine) && files[1]["ok"] == .bool(true))
        #expect(files[1]["diagnostics"] == .array([]))

        let diagnostics = try #require(files[0]["diagnostics"]?.arrayValue)
        let kind = try #require(diagnostics.first { $0["node"] == .string("t") }, "\(r)")
        #expect(kind["severity"] == .string("error") && kind["kind"] == .string("field"))
        #expect(kind["file"] == .string(broken))
        #expect(kind["line"] == .number(4))
        #expect(kind["column"] == .number(Double(Self.column(of: "kind", line: 4, in: Self.broken))))
        #expect(kind["suggestions"] == .array([.string("template")]))
        #expect(kind["hint"] == .string("did you mean `template`?"))

        let wire = try #require(diagnostics.first { $0["node"] == .string("topc") }, "\(r)")
        #expect(wire["kind"] == .string("reference"))
        #expect(wire["line"] == .number(7) && wire["column"] == .number(5))
        #expect(wire["message"]?.stringValue?.contains("unknown node `topc`") == true)
    }

    @Test("a file that passes prints ok and exits 0; without --json the text is as before")
    func passingAndText() async throws {
        let dir = try Scratch.project(["fine.graph.yaml": Self.fine, "broken.graph.yaml": Self.broken])
        let fine = dir.appendingPathComponent("fine.graph.yaml").path
        let ok = try await CLI.run(["validate", "--json", fine])
        #expect(ok.status == 0, "\(ok)")
        #expect(try JSONValue(parsing: ok.stdout)["files"]?.arrayValue?.first?["ok"] == .bool(true), "\(ok)")

        let broken = dir.appendingPathComponent("broken.graph.yaml").path
        let text = try await CLI.run(["validate", broken])
        #expect(text.status == 2 && text.stdout.isEmpty, "\(text)")
        #expect(text.stderr.contains("\(broken):4:"), "\(text)")
        #expect(text.stderr.contains("  hint: did you mean `template`?"), "\(text)")
    }

    @Test("a project config that cannot be read: said on stderr, the file is not ok, exit 2")
    func brokenConfig() async throws {
        let dir = try Scratch.project(["fine.graph.yaml": Self.fine, "patchbay.toml": "[models\n"])
        let fine = dir.appendingPathComponent("fine.graph.yaml").path
        let r = try await CLI.run(["validate", "--json", fine])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("patchbay.toml:1"), "\(r)")
        let files = try #require(try JSONValue(parsing: r.stdout)["files"]?.arrayValue, "\(r)")
        #expect(files.count == 1 && files[0]["ok"] == .bool(false) && files[0]["diagnostics"] == .array([]))
    }
}
