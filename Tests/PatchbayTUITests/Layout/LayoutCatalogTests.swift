import Foundation
import Testing

@testable import PatchbayTUI

@Suite struct LayoutCatalogTests {
    /// The repository root, found from this file (Tests/PatchbayTUITests/Layout/…).
    static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url
    }

    @Test func builtInsMatchTheFilesInLayouts() throws {
        let folder = Self.root.appendingPathComponent("layouts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        #expect(files == LayoutCatalog.builtInNames.map { "\($0).yaml" }.sorted())
        for name in LayoutCatalog.builtInNames {
            let file = try String(contentsOf: folder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            #expect(
                file == (LayoutCatalog.builtInText[name] ?? "") + "\n",
                "layouts/\(name).yaml differs from LayoutCatalog+BuiltIn.swift")
        }
    }

    @Test func builtInsParseWithTheirNames() throws {
        for name in LayoutCatalog.builtInNames {
            let spec = try LayoutSpec.parse(LayoutCatalog.builtInText[name] ?? "", source: "built-in \(name)")
            #expect(spec.name == name)
            #expect(LayoutCatalog.builtIn[name] == spec)
        }
        #expect(LayoutCatalog.builtIn["default"]?.panes == [.graph, .inspector, .prompt])
        #expect(LayoutCatalog.builtIn["debug"]?.panes == [.graph, .trace, .inspector])
        #expect(LayoutCatalog.builtIn["prompt"]?.panes == [.prompt, .preview, .output])
    }

    func userDirectory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-layouts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func userLayoutsAddAndReplace() throws {
        let dir = try userDirectory([
            "mine.yaml": "split: rows\nchildren:\n  - pane: graph\n  - pane: problems\n",
            "override.yaml": "name: debug\npane: trace\n",
            "notes.txt": "not a layout",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (layouts, problems) = LayoutCatalog.load(userDirectory: dir)
        #expect(problems.isEmpty)
        #expect(layouts["mine"]?.panes == [.graph, .problems])
        #expect(layouts["debug"]?.panes == [.trace])
        #expect(layouts["default"] == LayoutCatalog.builtIn["default"])
        #expect(LayoutCatalog.names(layouts) == LayoutCatalog.builtInNames + ["mine"])
    }

    @Test func badUserFilesAreReportedAndSkipped() throws {
        let dir = try userDirectory([
            "broken.yaml": "split: rows\nchildren:\n  - pane: inspektor\n",
            "good.yml": "pane: output\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (layouts, problems) = LayoutCatalog.load(userDirectory: dir)
        #expect(layouts["broken"] == nil)
        #expect(layouts["good"]?.panes == [.output])
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix("\(dir)/broken.yaml:3: unknown pane `inspektor`; did you mean `inspector`?")
                == true)
    }

    @Test func missingUserDirectoryIsNoProblem() {
        let (layouts, problems) = LayoutCatalog.load(userDirectory: "/nonexistent/patchbay/layouts")
        #expect(problems.isEmpty)
        #expect(layouts.count == LayoutCatalog.builtInNames.count)
        #expect(LayoutCatalog.load(userDirectory: nil).layouts.count == LayoutCatalog.builtInNames.count)
    }
}
