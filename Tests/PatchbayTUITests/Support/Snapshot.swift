import Foundation
import PatchbayTUI
import Testing

/// Text snapshots of the cell buffer, committed beside the tests in `__Snapshots__/NAME.txt`.
/// Record or update them with `PATCHBAY_RECORD_SNAPSHOTS=1 swift test --filter …`; a missing
/// snapshot fails rather than recording itself, so CI never passes on a fresh file.
enum Snapshot {
    static let recording = ProcessInfo.processInfo.environment["PATCHBAY_RECORD_SNAPSHOTS"] == "1"

    static func directory(_ filePath: String) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.lastPathComponent != "PatchbayTUITests" && url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("__Snapshots__")
    }

    static func expect(
        _ buffer: CellBuffer, named name: String, filePath: String = #filePath,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let text = framed(buffer)
        let url = directory(filePath).appendingPathComponent(name + ".txt")
        if recording {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no snapshot \(url.lastPathComponent); record it with PATCHBAY_RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
            return
        }
        if recorded != text {
            Issue.record(
                "snapshot \(name) differs:\n--- recorded\n\(recorded)\n--- now\n\(text)", sourceLocation: sourceLocation
            )
        }
    }

    /// The buffer with its size on top and a right margin, so trailing blanks and the pane
    /// edge are visible in review.
    static func framed(_ buffer: CellBuffer) -> String {
        "\(buffer.width)x\(buffer.height)\n" + buffer.text + "\n"
    }
}
