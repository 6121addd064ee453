import Foundation
import PatchbayCore
import PatchbayEval
import Testing

/// A cases file's own text (a CSV header, an unknown input) is quoted in errors escaped.
@Suite struct SuiteEscapingTests {
    @Test("a CSV header holding ESC, NUL and U+202E is quoted escaped in the error")
    func csvHeader() throws {
        let path = try scratchFile(
            "bad.cases.csv", "id,question\u{1B}[31m\u{200B}\u{0}\u{7}\u{202E},expect.contains\nc1,hi,hi\n")
        let found = problems { _ = try EvalSuite.load(path: path, inputs: [PortSpec("question", .string)]) }
        #expect(
            found.contains {
                $0.hasPrefix("\(path):1:4: error: column `question\\x1b[31m\\u{200B}\\x00\\x07\\u{202E}`")
            }, "\(found)")
        for problem in found {
            #expect(
                !problem.unicodeScalars.contains {
                    ($0.value < 0x20 && $0 != "\n") || [0x202E, 0x200B].contains($0.value)
                }, "\(problem.debugDescription)")
        }
    }

    @Test("did you mean an input whose name holds a zero-width space shows it")
    func didYouMean() throws {
        let path = try scratchFile("u.cases.yaml", "cases:\n  - { id: a, inputs: { questio: x } }\n")
        let found = problems { _ = try EvalSuite.load(path: path, inputs: [PortSpec("quest\u{200B}ion", .string)]) }
        #expect(found.contains { $0.contains("did you mean `quest\\u{200B}ion`?") }, "\(found)")
    }
}
