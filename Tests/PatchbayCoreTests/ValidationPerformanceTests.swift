import Foundation
import Testing

@testable import PatchbayCore

@Suite struct ValidationPerformanceTests {
    /// input → (template → jq) × 4,999 → output: 10,000 nodes and wires, a handful of distinct
    /// jq programs, every template different. Written as YAML and decoded, like a real file.
    static func chainYAML(nodes count: Int) -> String {
        let programs = ["ascii_upcase", "ltrimstr(\" \")", ". + \"!\"", "split(\" \") | join(\"-\")", "tostring"]
        var text = "patchbay: 1\ntitle: Generated chain\nnodes:\n  start: { kind: input, type: string }\n"
        var wires = "wires:\n"
        var previous = "start"
        for index in 0..<(count - 2) {
            let id = "n\(index)"
            if index % 2 == 0 {
                text += "  \(id): { kind: template, template: 'Step \(index): {{prev}}' }\n"
                wires += "  - \(previous) -> \(id).prev\n"
            } else {
                text += "  \(id): { kind: jq, jq: '\(programs[index % programs.count])' }\n"
                wires += "  - \(previous) -> \(id).value\n"
            }
            previous = id
        }
        text += "  result: { kind: output, type: string }\n"
        wires += "  - \(previous) -> result\n"
        return text + wires
    }

    @Test func aTenThousandNodeGraphValidatesClean() throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write("big.graph.yaml", Self.chainYAML(nodes: 10_000))
        let loader = GraphLoader()
        let document = try loader.load(path)
        #expect(document.graph.nodes.count == 10_000)
        #expect(document.graph.wires.count == 9_999)
        let diagnostics = GraphValidator.validate(document, loader: loader)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3).map(\.description))")
    }

    @Test func aLongCycleInABigGraphIsFoundWithoutRecursion() throws {
        // Close the chain into one 10,000-node cycle: iterative Tarjan must not overflow.
        var yaml = Self.chainYAML(nodes: 10_000)
        yaml = yaml.replacingOccurrences(of: "'Step 0: {{prev}}'", with: "'Step 0: {{prev}} {{loopback}}'")
        yaml += "  - n9997 -> n0.loopback\n"
        let (_, diagnostics) = try ValidationFixture().validate(["main.graph.yaml": yaml])
        let d = try #require(diagnostics.only("cycle outside a loop"))
        #expect(d.message.hasPrefix("cycle outside a loop: n0 → n1 → n2"))
        #expect(d.message.hasSuffix("n9996 → n9997 → n0"))
        #expect(diagnostics.count == 1)
    }

    @Test("5,000 wires from unknown nodes in a 5,000-node graph: every one reported, the first 100 with a guess")
    func manyUnknownNodesGetABoundedNumberOfGuesses() throws {
        // A guess compares with every id: one per bad wire took 242 s here (debug build).
        var yaml = "patchbay: 1\nnodes:\n"
        for index in 0..<5_000 { yaml += "  node\(index): { kind: input }\n" }
        yaml += "  out: { kind: output }\nwires:\n"
        for index in 0..<5_000 { yaml += "  - nodx\(index) -> out\n" }
        let start = ContinuousClock.now
        let (_, diagnostics) = try ValidationFixture().validate(["main.graph.yaml": yaml])
        print("5,000 unknown wire ends in a 5,000-node graph: \(ContinuousClock.now - start)")
        let unknown = diagnostics.filter { $0.message.contains("unknown node `nodx") }
        #expect(unknown.count == 5_000)
        #expect(unknown.filter { $0.hint?.description.hasPrefix("did you mean `node") == true }.count == 100)
        #expect(
            unknown.first?.hint?.description.hasPrefix("did you mean `node0`?") == true, "\(unknown.first?.hint ?? "")")
    }
}
