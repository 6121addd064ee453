import Foundation
import Testing

/// `fmt`, `validate` and `run` refuse a graph file that isn't UTF-8 or holds a number a 64-bit
/// float can't keep: exit 2, located, and the file left byte for byte as it was.
@Suite struct FmtMeaningCLITests {
    static let body = "\nnodes:\n  x: { kind: input, type: string }\n  y: { kind: output }\nwires:\n  - x -> y\n"

    static func latin1() -> Data {
        var bytes = Data("patchbay: 1\ntitle: \"caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Array(("\"" + body).utf8))
        return bytes
    }

    static func utf16() -> Data {
        var bytes = Data([0xFF, 0xFE])
        for unit in ("patchbay: 1" + body).utf16 { bytes.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        return bytes
    }

    static let cases: [String: (bytes: Data, message: String)] = [
        "latin-1": (latin1(), "g.graph.yaml:2:12: error: the file is not UTF-8"),
        "utf-16": (utf16(), "g.graph.yaml:1:1: error: the file is UTF-16 little-endian"),
        "1e999": (
            Data(
                "patchbay: 1\nnodes:\n  x: { kind: input, type: string }\n  a: { kind: llm, model: m, prompt: '{{x}}', temperature: 1e999 }\n  y: { kind: output }\nwires:\n  - x -> a\n  - a.text -> y\n"
                    .utf8),
            "g.graph.yaml:4:59: error: the number `1e999`"
        ),
        "huge integer": (
            Data(
                "patchbay: 1\nnodes:\n  x: { kind: input, type: string, n: 9999999999999999999999 }\n  y: { kind: output }\nwires:\n  - x -> y\n"
                    .utf8),
            "g.graph.yaml:3:38: error: the number `9999999999999999999999`"
        ),
    ]

    @Test(arguments: ["latin-1", "utf-16", "1e999", "huge integer"])
    func refusedAndUnchanged(name: String) async throws {
        let (bytes, message) = Self.cases[name]!
        let project = try Scratch.project([:])
        let file = project.appendingPathComponent("g.graph.yaml")
        try bytes.write(to: file)
        for arguments in [
            ["fmt", "g.graph.yaml"], ["fmt", "--check", "g.graph.yaml"], ["validate", "g.graph.yaml"],
            ["run", "g.graph.yaml", "--input", "x=1", "--no-store"],
        ] {
            let result = try await CLI.run(arguments, in: project)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains(message), "\(arguments): \(result)")
            #expect(try Data(contentsOf: file) == bytes, "\(arguments) changed the file")
        }
    }
}
