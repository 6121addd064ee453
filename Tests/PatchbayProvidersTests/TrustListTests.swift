import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// The trust list file: one absolute path per line, as older versions wrote it; lines of other
/// kinds survive a save; and what it trusts is per file.
@Suite struct TrustListTests {
    static func file(_ text: String?) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-trust-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("patchbay/trusted").path
        if let text {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return path
    }

    @Test func readsTheOldFormatAndKeepsOtherLines() throws {
        let path = try Self.file("/p/a.graph.yaml\n\n  /p/b.graph.yaml  \nconfig /p/patchbay.toml 0123abcd\n")
        var list = TrustList.load(path: path)
        #expect(list.graphFiles == ["/p/a.graph.yaml", "/p/b.graph.yaml"])
        #expect(list.trusts(graph: "/p/sub/../a.graph.yaml"))
        list.add(graph: "/p/c.graph.yaml")
        list.add(graph: "/p/a.graph.yaml")
        list.remove(graph: "/p/b.graph.yaml")
        try list.save()
        #expect(
            try String(contentsOfFile: path, encoding: .utf8)
                == "/p/a.graph.yaml\nconfig /p/patchbay.toml 0123abcd\n/p/c.graph.yaml\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func trustIsPerFile() throws {
        let list = TrustList.load(path: try Self.file("/p/main.graph.yaml\n"))
        let trust = list.graphTrust(alsoTrusting: ["/q/flagged.graph.yaml"])
        #expect(trust.isTrusted(graphPath: "/p/main.graph.yaml"))
        #expect(trust.isTrusted(graphPath: "/q/flagged.graph.yaml"))
        #expect(!trust.isTrusted(graphPath: "/p/lib/sub.graph.yaml"), "a sub-graph is a file of its own")
        #expect(!trust.isTrusted(graphPath: nil), "a graph without a file is not trusted unless said")
        #expect(list.graphTrust(unsavedGraphs: true).isTrusted(graphPath: nil))
        #expect(TrustList.load(path: try Self.file(nil)).graphFiles.isEmpty, "no file, nothing trusted")
    }

    @Test func theListLivesBesideTheUserConfig() {
        #expect(TrustList.userFile(environment: ["XDG_CONFIG_HOME": "/x/cfg"]) == "/x/cfg/patchbay/trusted")
        #expect(TrustList.userFile(environment: ["HOME": "/home/u"]) == "/home/u/.config/patchbay/trusted")
    }
}
