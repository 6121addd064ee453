import Foundation
import PatchbayCore
import Testing

/// docs/nodes.md is generated from the kind catalogue; this keeps the committed file in step.
/// `PATCHBAY_RECORD=1 swift test --filter NodeDocsTests` rewrites it.
@Suite("Node reference")
struct NodeDocsTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let nodesDoc = repoRoot.appendingPathComponent("docs/nodes.md")

    @Test("docs/nodes.md is NodeDocs.reference()")
    func committedFileIsCurrent() throws {
        let generated = NodeDocs.reference()
        if ProcessInfo.processInfo.environment["PATCHBAY_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.nodesDoc.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(generated.utf8).write(to: Self.nodesDoc, options: .atomic)
        }
        let committed = try String(contentsOf: Self.nodesDoc, encoding: .utf8)
        #expect(
            committed == generated,
            "docs/nodes.md is stale: regenerate it with `PATCHBAY_RECORD=1 swift test --skip-build --filter NodeDocsTests`"
        )
    }

    @Test("the reference has a section for every kind, in catalogue order")
    func sectionPerKind() {
        let text = NodeDocs.reference()
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == KindSpec.all.map(\.kind.rawValue))
        #expect(Set(headings) == Set(NodeKind.allCases.map(\.rawValue)))
    }

    @Test(
        "every kind has a catalogue entry whose example decodes as one node of that kind", arguments: NodeKind.allCases)
    func exampleDecodes(kind: NodeKind) throws {
        let spec = try #require(KindSpec.catalogue[kind])
        #expect(spec.kind == kind)
        #expect(!spec.summary.isEmpty)
        let indented = spec.example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
            separator: "\n")
        let document = try GraphCodec.decode("patchbay: 1\nnodes:\n" + indented + "\n", path: "example.graph.yaml")
        #expect(document.graph.nodes.count == 1)
        let node = try #require(document.graph.nodes.first)
        #expect(node.kind == kind, "the example of `\(kind.rawValue)` is a `\(node.kindName)` node")
        // The example uses only fields the kind declares.
        for field in node.fields.keys {
            #expect(spec.field(field) != nil, "the example of `\(kind.rawValue)` sets unknown field `\(field)`")
        }
        for field in spec.fields where field.required {
            #expect(
                node.fields[field.name] != nil, "the example of `\(kind.rawValue)` lacks required field `\(field.name)`"
            )
        }
    }

    @Test("describe names every field and fixed port of a kind", arguments: NodeKind.allCases)
    func describeIsComplete(kind: NodeKind) {
        let text = NodeDocs.describe(kind.spec)
        #expect(text.hasPrefix("## \(kind.rawValue)\n"))
        for field in kind.spec.allFields {
            #expect(text.contains("`\(field.name)`"), "`\(field.name)` missing from \(kind.rawValue)")
        }
        for port in kind.spec.inputs + kind.spec.outputs {
            #expect(text.contains("`\(port.name)`"), "port `\(port.name)` missing from \(kind.rawValue)")
        }
        #expect(text.contains(kind.spec.example))
    }
}
