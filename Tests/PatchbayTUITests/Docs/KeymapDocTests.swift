import Foundation
import Testing

@testable import PatchbayTUI

/// `docs/keymap.md` is generated from the keymap table; these keep the committed file current
/// and the table sound.
@Suite struct KeymapDocTests {
    static let recording = ProcessInfo.processInfo.environment["PATCHBAY_RECORD_SNAPSHOTS"] == "1"

    /// The package root: the directory above `Tests/`.
    static func documentURL(_ filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("docs/keymap.md")
    }

    @Test func committedDocumentIsCurrent() throws {
        let url = Self.documentURL()
        let generated = KeymapDocument.markdown()
        if Self.recording {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard committed != generated else { return }
        // The first line that differs, rather than two whole documents.
        let old = committed.components(separatedBy: "\n")
        let new = generated.components(separatedBy: "\n")
        let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let was = line < old.count ? old[line] : "(end of file)"
        let now = line < new.count ? new[line] : "(end of file)"
        let detail = "first difference at line \(line + 1):\n  committed: \(was)\n  generated: \(now)"
        Issue.record(
            "docs/keymap.md is stale: regenerate with PATCHBAY_RECORD_SNAPSHOTS=1 swift test --filter KeymapDoc\n\(detail)"
        )
    }

    @Test func everyActionIsDocumented() {
        let document = KeymapDocument.markdown()
        let missing = ActionID.allCases.filter { !document.contains("`\($0.rawValue)`") }
        #expect(missing.isEmpty, "actions missing from docs/keymap.md: \(missing.map(\.rawValue))")
    }

    @Test func everyEditorCommandIsDocumented() {
        let document = KeymapDocument.markdown()
        let missing = EditorKeys.bindings.map(\.command).filter { !document.contains("`\($0)`") }
        #expect(missing.isEmpty, "editor commands missing: \(missing)")
    }

    @Test func noKeyIsBoundTwiceInOneScope() {
        let duplicates = KeymapDocument.duplicates()
        #expect(duplicates.isEmpty, "keys bound twice: \(duplicates.joined(separator: "; "))")
    }

    @Test func duplicatesAreFound() {
        let keymap = Keymap(bindings: [
            .init([.char("x")], .quit), .init([.char("x"), .char("y")], .help),
            .init([.char("x")], .moveLeft, .pane(.graph)),
        ])
        #expect(KeymapDocument.duplicates(keymap) == ["Everywhere: x (app.quit, app.help)"])
    }

    @Test func sectionsFollowTheScopeOrder() {
        let document = KeymapDocument.markdown()
        let titles = [
            "## Everywhere", "## Graph pane", "## Prompt pane", "## Inspector pane", "## Trace pane", "## Preview pane",
            "## Output pane", "## Problems pane", "## Without a key", "## Editing a prompt", "## Popups",
        ]
        let positions = titles.compactMap { document.range(of: $0 + "\n")?.lowerBound }
        #expect(positions.count == titles.count)
        #expect(positions == positions.sorted())
    }

    @Test func overriddenKeysAppearInTheDocument() {
        let keymap = Keymap.defaults.overriding(["run.step": ["N", "<F8>"]]).keymap
        let document = KeymapDocument.markdown(keymap)
        #expect(document.contains("| `N`, `<F8>` | `run.step` |"))
    }
}
