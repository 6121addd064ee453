import Foundation
import Testing

/// `patchbay validate` refuses what a run would refuse or misuse — numbers out of range, check
/// schemas with unknown types, ids wires can't name, feedback to a missing input, jq that does
/// not compile — with exit 2 and `file:line:column` at the value, and nothing raw on the terminal.
@Suite struct ValidationStrictnessCLITests {
    static let body = """
        patchbay: 1
        nodes:
          draft: { kind: input, type: string }
          revised: { kind: output }
        wires:
          - draft -> revised

        """

    /// Name → (graph text, the location and words its first error must have).
    static let cases: [String: (graph: String, location: String, words: [String])] = [
        "temperature": (
            "patchbay: 1\nnodes:\n  q: { kind: input, type: string }\n  ask: { kind: llm, prompt: '{{q}}', temperature: -1 }\n  o: { kind: output }\nwires: [q -> ask.q, ask.text -> o]\n",
            "4:51", ["`temperature` of node `ask` is -1", "from 0 to 2"]
        ),
        "retries": (
            "patchbay: 1\nnodes:\n  q: { kind: input, type: string }\n  j: { kind: jq, jq: ., on_error: retry, retries: 1000000000 }\n  o: { kind: output }\nwires: [q -> j, j -> o]\n",
            "4:51", ["`retries` of node `j` is 1000000000", "from 0 to 10"]
        ),
        "schema": (
            "patchbay: 1\nnodes:\n  v: { kind: input }\n  ok: { kind: check, schema: { type: strng } }\n  o: { kind: output }\nwires: [v -> ok, ok.pass -> o]\n",
            "4:38", ["unknown type \"strng\"", "did you mean `string`?"]
        ),
        "dotted id": (
            "patchbay: 1\nnodes:\n  v: { kind: input }\n  my.node: { kind: output }\nwires: [v -> my.node]\n",
            "4:3", ["node id `my.node` holds a dot", "`my_node`"]
        ),
        "control id": (
            "patchbay: 1\nnodes:\n  v: { kind: input }\n  \"o\\e[2J\": { kind: output }\nwires: [\"v -> o\\e[2J\"]\n",
            "4:3", ["node id `o\\x1b[2J` holds the control character \\x1b", "`o_[2J`"]
        ),
        "feedback": (
            "patchbay: 1\nnodes:\n  s: { kind: input, type: string }\n  l: { kind: loop, graph: body.graph.yaml, feedback: { revised: draf } }\n  o: { kind: output }\nwires: [s -> l.draft, l.revised -> o]\n",
            "4:65", ["has no input `draf`", "did you mean `draft`?"]
        ),
        "jq": (
            "patchbay: 1\nnodes:\n  v: { kind: input }\n  f: { kind: jq, jq: '.a | map(.b) | )' }\n  o: { kind: output }\nwires: [v -> f, f -> o]\n",
            // At the `)` itself, inside the program.
            "4:38", ["unexpected `)` at column 16"]
        ),
    ]

    @Test(arguments: ["temperature", "retries", "schema", "dotted id", "control id", "feedback", "jq"])
    func refusedAtTheValue(name: String) async throws {
        let (graph, location, words) = Self.cases[name]!
        let project = try Scratch.project(["g.graph.yaml": graph, "body.graph.yaml": Self.body])
        let result = try await CLI.run(["validate", "g.graph.yaml"], in: project)
        #expect(result.status == 2, "\(result)")
        let line = result.stderr.split(separator: "\n").first { $0.hasPrefix("g.graph.yaml:\(location): error: ") }
        #expect(line != nil, "no error at g.graph.yaml:\(location): \(result)")
        let text = result.stderr
        for word in words { #expect(text.contains(word), "\(word): \(result)") }
        #expect(!text.contains("shell quoting"), "\(result)")
        EscapingTests.expectClean(result, name)
    }

    @Test("the sample graphs still validate")
    func samplesValidate() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.samples.path).filter {
            $0.hasSuffix(".graph.yaml")
        }.sorted()
        #expect(files.count >= 8)
        let result = try await CLI.run(["validate"] + files.map { CLI.sample($0) })
        #expect(result.status == 0, "\(result)")
    }
}
