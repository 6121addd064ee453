import Foundation
import Testing

@Suite("patchbay validate")
struct ValidateCommandTests {
    static func sampleGraphs() throws -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for folder in [CLI.samples, CLI.samples.appendingPathComponent("lib")] {
            for name in try fm.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".graph.yaml") {
                files.append(folder.appendingPathComponent(name).path)
            }
        }
        return files
    }

    @Test("every sample graph (and sub-graph) is valid")
    func samplesValidate() async throws {
        let files = try Self.sampleGraphs()
        #expect(files.count >= 6)
        let r = try await CLI.run(["validate"] + files)
        #expect(r.status == 0, "\(r)")
        for file in files {
            #expect(r.stdout.contains("\(file): ok"), "\(file) not reported ok: \(r)")
        }
    }

    @Test("a graph with several problems reports each as file:line:column: error, exit 2")
    func everyProblemAtOnce() async throws {
        let text = """
            patchbay: 1
            nodes:
              text:
                kind: input
                type: string
              mystery:
                kind: frobnicate
              shout:
                kind: jq
                jq: ascii_upcase
                colour: red
              loud:
                kind: output
            wires:
              - text -> shout
              - shout -> nowhere.value
              - shout -> loud

            """
        let dir = try Scratch.project(["broken.graph.yaml": text])
        let path = dir.appendingPathComponent("broken.graph.yaml").path
        let r = try await CLI.run(["validate", path])
        #expect(r.status == 2, "\(r)")
        let found = r.stderr.diagnostics(for: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(containing needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }

        let kind = found.first { $0.message.contains("frobnicate") }
        #expect(kind != nil, "no unknown-kind diagnostic: \(r)")
        #expect([line(containing: "mystery:"), line(containing: "frobnicate")].contains(kind?.line ?? 0), "\(r)")

        let field = found.first { $0.message.contains("colour") }
        #expect(field?.line == line(containing: "colour"), "unknown field not at its line: \(r)")

        let wire = found.first { $0.message.contains("nowhere") }
        #expect(wire?.line == line(containing: "nowhere"), "bad wire not at its line: \(r)")
        #expect(found.allSatisfy { $0.column >= 1 }, "\(r)")
    }

    @Test("a YAML syntax error exits 2 with its line number")
    func yamlSyntaxError() async throws {
        let text = "patchbay: 1\nnodes:\n  a: { kind: input, type: string\n  b:\n    kind: output\n"
        let dir = try Scratch.project(["syntax.graph.yaml": text])
        let path = dir.appendingPathComponent("syntax.graph.yaml").path
        let r = try await CLI.run(["validate", path])
        #expect(r.status == 2, "\(r)")
        let found = r.stderr.diagnostics(for: path)
        #expect(!found.isEmpty, "\(r)")
        #expect(found.allSatisfy { (1...6).contains($0.line) }, "\(r)")
    }

    @Test("a JSON syntax error exits 2 with its line number")
    func jsonSyntaxError() async throws {
        let text = "{\n  \"patchbay\": 1,\n  \"nodes\": {\n    \"a\": {\"kind\": \"input\",}\n  }\n"
        let dir = try Scratch.project(["syntax.graph.json": text])
        let path = dir.appendingPathComponent("syntax.graph.json").path
        let r = try await CLI.run(["validate", path])
        #expect(r.status == 2, "\(r)")
        #expect(!r.stderr.diagnostics(for: path).isEmpty, "\(r)")
    }

    @Test("good and bad files together: each good one is ok, the exit code is 2")
    func mixed() async throws {
        let dir = try Scratch.project(["bad.graph.yaml": "patchbay: 1\nnodes:\n  a:\n    kind: nope\n"])
        let bad = dir.appendingPathComponent("bad.graph.yaml").path
        let good = CLI.sample("text-stats.graph.yaml")
        let r = try await CLI.run(["validate", good, bad])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.contains("\(good): ok"), "\(r)")
        #expect(!r.stdout.contains("\(bad): ok"), "\(r)")
        #expect(r.stderr.diagnostics(for: bad).contains { $0.message.contains("nope") }, "\(r)")
    }

    @Test("a file that does not exist exits 2")
    func missingFile() async throws {
        let r = try await CLI.run(["validate", "/nonexistent/missing.graph.yaml"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("missing.graph.yaml"), "\(r)")
    }
}
