import Foundation
import Testing

/// Libraries say what to do as typed hints; only the `patchbay` executable names its flags.
/// Reads the library sources and fails on a flag in code (comments may mention flags).
@Suite struct NoCLIFlagsInLibrariesTests {
    static let flags = [
        "--input", "--inputs", "--trust", "--no-store", "--keep", "--limit", "--set", "--force", "--min-pass",
        "--stored", "--json",
    ]

    @Test func librarySourcesNameNoFlag() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        var found: [String] = []
        var files = 0
        for module in ["PatchbayCore", "PatchbayStore", "PatchbayEval", "PatchbayProviders", "PatchbayTUI"] {
            let folder = sources.appendingPathComponent(module)
            let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
            for case let file as String in walker where file.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    for flag in Self.flags where Self.names(flag, in: code) {
                        found.append("\(module)/\(file):\(index + 1): \(flag)")
                    }
                }
            }
        }
        #expect(files > 100)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// `--input` as a whole word (not inside `--inputs`), outside a `//` comment on the line.
    static func names(_ flag: String, in line: String) -> Bool {
        let code = line.components(separatedBy: " // ").first ?? line
        var rest = code[...]
        while let range = rest.range(of: flag) {
            let after = rest[range.upperBound...].first
            if after.map({ !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}
