import Foundation
import PatchbayCore
import Testing

/// `patchbay runs` pads its columns by terminal display width, not by `Character` count: a
/// graph named in wide characters (two columns each) keeps the columns after it aligned.
@Suite struct RunsTableWidthTests {
    static let graph = """
        patchbay: 1
        nodes:
          text: { kind: input, type: string }
          echo: { kind: template, template: 'Said: {{text}}' }
          answer: { kind: output }
        wires: [text -> echo, echo -> answer]

        """

    @Test func wideGraphNameKeepsColumnsAligned() async throws {
        let root = try Scratch.project(["日本語グラフ.yaml": Self.graph, "ab.yaml": Self.graph])
        for file in ["日本語グラフ.yaml", "ab.yaml"] {
            let r = try await CLI.run(["run", file, "--input", "text=hi"], in: root)
            #expect(r.status == 0, "\(r)")
        }
        let runs = try await CLI.run(["runs"], in: root)
        #expect(runs.status == 0, "\(runs)")
        let lines = runs.stdoutLines
        #expect(lines.count == 3, "\(runs)")
        guard lines.count == 3 else { return }
        #expect(lines.contains { $0.contains("日本語グラフ.yaml") }, "\(runs)")
        // STATUS starts in the same terminal column on every line; by `Character` count the wide
        // name's row would put it six columns to the right (six characters, twelve columns).
        let columns = lines.map { line -> Int? in
            guard let range = line.range(of: line == lines[0] ? "STATUS" : "succeeded") else { return nil }
            return DisplayWidthProbe.columns(String(line[..<range.lowerBound]))
        }
        #expect(columns.allSatisfy { $0 != nil && $0 == columns[0] }, "\(columns): \(runs)")
    }
}

/// Columns the text before a cell takes: CJK ideographs and kana count two, ASCII one (all the
/// test's table holds).
private enum DisplayWidthProbe {
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x3000...0x9FFF).contains($1.value) ? 2 : 1) }
    }
}
