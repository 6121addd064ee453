import Foundation
import Testing

@testable import PatchbayCore

/// Loading and saving on disk: atomic writes, refusal to overwrite a changed file, format kept.
@Suite final class CodecFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-codec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func inode(_ name: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path(name))[.systemFileNumber] as? Int
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func write(_ text: String, _ name: String) throws {
        try text.write(toFile: path(name), atomically: false, encoding: .utf8)
    }

    static let graphText = """
        # yaml-language-server: $schema=graph.schema.json
        patchbay: 1
        nodes:
          a: { kind: input }
          b: { kind: output }
        wires:
          - a -> b

        """

    @Test func loadSaveIsByteIdenticalAndLeavesNoTempFiles() throws {
        try write(Self.graphText, "g.graph.yaml")
        let document = try GraphFile.load(path: path("g.graph.yaml"))
        let before = try inode("g.graph.yaml")
        #expect(document.path == path("g.graph.yaml"))
        #expect(document.fingerprint == FileFingerprint(text: Self.graphText))
        let saved = try GraphFile.save(document.graph, to: path("g.graph.yaml"), expecting: document.fingerprint)
        #expect(try read("g.graph.yaml") == Self.graphText)
        // Replaced by a rename, not rewritten in place: a reader never sees a half-written file.
        #expect(try inode("g.graph.yaml") != before)
        #expect(saved == document.fingerprint)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["g.graph.yaml"])
    }

    @Test func savingAnEditKeepsHeaderAndReturnsTheNewFingerprint() throws {
        try write(Self.graphText, "g.graph.yaml")
        var document = try GraphFile.load(path: path("g.graph.yaml"))
        document.graph.nodes[1]["type"] = "string"
        let first = try GraphFile.save(document.graph, to: path("g.graph.yaml"), expecting: document.fingerprint)
        #expect(
            try read("g.graph.yaml")
                == Self.graphText.replacingOccurrences(
                    of: "b: { kind: output }", with: "b: { kind: output, type: string }"))
        // The returned fingerprint lets the next save go through without reloading.
        document.graph.title = "T"
        try GraphFile.save(document.graph, to: path("g.graph.yaml"), expecting: first)
        #expect(try GraphFile.load(path: path("g.graph.yaml")).graph.title == "T")
    }

    @Test func refusesToOverwriteAFileChangedOnDisk() throws {
        try write(Self.graphText, "g.graph.yaml")
        let document = try GraphFile.load(path: path("g.graph.yaml"))
        let theirs = Self.graphText + "title: edited elsewhere\n"
        try write(theirs, "g.graph.yaml")
        #expect(throws: GraphSaveError(path: path("g.graph.yaml"), reason: .changedOnDisk)) {
            try GraphFile.save(document.graph, to: path("g.graph.yaml"), expecting: document.fingerprint)
        }
        #expect(try read("g.graph.yaml") == theirs)
        let message = GraphSaveError(path: "g.graph.yaml", reason: .changedOnDisk).description
        #expect(message.contains("changed on disk since it was loaded"))
        #expect(message.contains("hint: reload"))
        // Without an expected fingerprint the caller chose to overwrite.
        try GraphFile.save(document.graph, to: path("g.graph.yaml"), expecting: nil)
        #expect(try read("g.graph.yaml") == Self.graphText)
    }

    @Test func jsonFilesStayJSON() throws {
        let graph = try GraphCodec.decode(Self.graphText, path: nil).graph
        try write(GraphCodec.encodeJSON(graph), "g.json")
        let document = try GraphFile.load(path: path("g.json"))
        #expect(document.format == .json)
        try GraphFile.save(document.graph, to: path("g.json"), expecting: document.fingerprint)
        #expect(try read("g.json") == GraphCodec.encodeJSON(graph))
        // A JSON file without the extension is recognised by its content.
        try write(GraphCodec.encodeJSON(graph), "g.graph")
        let other = try GraphFile.load(path: path("g.graph"))
        try GraphFile.save(other.graph, to: path("g.graph"), expecting: other.fingerprint)
        #expect(try read("g.graph").hasPrefix("{\n"))
        // A new file gets YAML unless named .json.
        try GraphFile.save(graph, to: path("new.graph.yaml"), expecting: nil)
        #expect(try read("new.graph.yaml") == GraphCodec.encode(graph))
    }

    @Test func savesThroughASymlinkAndKeepsTheFileMode() throws {
        try write(Self.graphText, "real.graph.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path("real.graph.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: path("link.graph.yaml"), withDestinationPath: path("real.graph.yaml"))
        var document = try GraphFile.load(path: path("link.graph.yaml"))
        document.graph.title = "via link"
        try GraphFile.save(document.graph, to: path("link.graph.yaml"), expecting: document.fingerprint)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: path("link.graph.yaml"))
                == path("real.graph.yaml"))
        #expect(try read("real.graph.yaml").contains("title: via link"))
        let mode = try FileManager.default.attributesOfItem(atPath: path("real.graph.yaml"))[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func missingFileNamesThePath() throws {
        do {
            _ = try GraphFile.load(path: path("nope.graph.yaml"))
            Issue.record("loaded a missing file")
        } catch let error as GraphFileError {
            #expect(error.diagnostics.count == 1)
            #expect(error.description.hasPrefix("\(path("nope.graph.yaml")): error: no such file"))
            #expect(error.diagnostics[0].hint?.description.contains("check the path") == true)
        }
    }

    @Test func saveIntoAMissingFolderFailsClearly() throws {
        let graph = Graph(nodes: [Node(id: "a", kind: .input)])
        do {
            try GraphFile.save(graph, to: path("no/such/folder/g.graph.yaml"), expecting: nil)
            Issue.record("saved into a missing folder")
        } catch let error as GraphSaveError {
            guard case .writeFailed = error.reason else {
                Issue.record("wrong reason \(error.reason)")
                return
            }
            #expect(error.description.contains("cannot save"))
        }
    }
}
