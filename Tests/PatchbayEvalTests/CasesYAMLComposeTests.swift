import Foundation
import PatchbayCore
import Testing

@testable import PatchbayEval

/// Cases YAML is read by the graph files' composer: every repeated key at its place, syntax
/// errors located and in plain words, empty files at line 1, `.json` cases strict JSON.
@Suite struct CasesYAMLComposeTests {
    static let inputs = [PortSpec("question", .string)]

    func problemsOf(_ name: String, _ text: String) -> [String] {
        problems { _ = try EvalSuite.load(path: try scratchFile(name, text), inputs: Self.inputs) }
            .map { $0.components(separatedBy: "/").last ?? $0 }
    }

    @Test func everyRepeatedKeyIsReportedAtItsLine() {
        let text = """
            cases:
              - inputs: { question: a, question: b }
              - inputs: { question: c }
                inputs: { question: d }
            judge: x
            judge: y

            """
        let found = problemsOf("r.cases.yaml", text)
        #expect(
            found.contains {
                $0.hasPrefix("r.cases.yaml:2:28: error: the key `question` is given twice (first at line 2, column 15)")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("r.cases.yaml:4:5: error: the key `inputs` is given twice (first at line 3, column 5)")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("r.cases.yaml:6:1: error: the key `judge` is given twice (first at line 5, column 1)")
            }, "\(found)")
    }

    /// Before: "not valid YAML: duplicatedKeysInMapping(...)" with no line, one duplicate at a time.
    @Test func manyRepeatedCaseKeysInOnePass() {
        let n = 5_000
        let text =
            "cases:\n"
            + (0..<n).map { "  - { id: c\($0), id: d\($0), inputs: { question: q } }" }.joined(separator: "\n") + "\n"
        let start = ContinuousClock.now
        let found = problemsOf("m.cases.yaml", text)
        let elapsed = ContinuousClock.now - start
        #expect(
            found.first?.hasPrefix("m.cases.yaml:2:15: error: the key `id` is given twice (first at line 2, column 7)")
                == true, "\(found.prefix(2))")
        #expect(found.count >= 100, "the first problems are listed, the rest counted")
        #expect(elapsed < .seconds(10))
    }

    @Test func syntaxErrorsAreLocatedAndPlain() {
        let quote = problemsOf("q.cases.yaml", "cases:\n  - inputs: { question: \"abc }\n  - inputs: { question: d }\n")
        #expect(
            quote.first?.hasPrefix("q.cases.yaml:2:25: error: YAML syntax error: the quote opened here is never closed")
                == true, "\(quote)")
        let second = problemsOf("s.cases.yaml", "cases: []\n---\ncases: []\n")
        #expect(
            second.first?.hasPrefix("s.cases.yaml:2:1: error: YAML syntax error: a second document starts here")
                == true, "\(second)")
        #expect(second.first?.contains("a cases file holds one") == true, "\(second)")
        let deep = problemsOf("d.cases.yaml", "cases: " + String(repeating: "[", count: 2_000) + "\n")
        #expect(
            deep.first?.hasPrefix("d.cases.yaml:1:") == true
                && deep.first?.contains("nest more than 512 levels deep") == true, "\(deep)")
    }

    @Test func emptyAndCommentOnlyFilesAreErrorsAtLineOne() {
        for (text, message) in [("", "the file is empty"), ("# nothing yet\n", "the file holds only comments")] {
            let found = problemsOf("e.cases.yaml", text)
            #expect(found.first?.hasPrefix("e.cases.yaml:1:1: error: \(message)") == true, "\(found)")
        }
    }

    @Test func jsonCasesAreStrictJSON() {
        let found = problemsOf("t.cases.json", "{\"cases\": [{\"inputs\": {\"question\": \"a\"}},]}\n")
        #expect(found.first?.hasPrefix("t.cases.json:1:42: error: invalid JSON:") == true, "\(found)")
        #expect(found.first?.contains("trailing comma") == true, "\(found)")
    }
}
