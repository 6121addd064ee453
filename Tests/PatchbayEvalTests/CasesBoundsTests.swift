import Foundation
import PatchbayCore
import Testing

@testable import PatchbayEval

/// Hostile JSONL and CSV cases files: strict JSON (repeated keys, trailing commas, numbers a
/// float would change), repeated CSV columns, and sizes (a 50 MB line, a 10 MB field, 100,000
/// columns, many lines) read in linear time with every error at `file:line:column`.
@Suite struct CasesBoundsTests {
    static let inputs = [
        PortSpec("question", .string), PortSpec("n", .integer, required: false),
        PortSpec("doc", .object, required: false),
    ]
    static let outputs = [PortSpec("answer", .string)]

    func load(_ name: String, _ text: String) throws -> EvalSuite {
        try EvalSuite.load(path: try scratchFile(name, text), inputs: Self.inputs, outputs: Self.outputs)
    }

    func problemsOf(_ name: String, _ text: String) -> [String] {
        problems { _ = try load(name, text) }.map { $0.components(separatedBy: "/").last ?? $0 }
    }

    // MARK: JSONL strictness

    @Test func jsonlDuplicateKeyIsLocatedAtTheSecond() {
        let found = problemsOf(
            "d.cases.jsonl",
            "{\"inputs\": {\"question\": \"a\"}}\n  {\"inputs\": {\"question\": \"a\", \"question\": \"b\"}}\n")
        #expect(found.count == 1)
        #expect(
            found.first?.hasPrefix(
                "d.cases.jsonl:2:32: error: invalid JSON: duplicate key `question` (first at line 2, column 15)")
                == true, "\(found)")
    }

    @Test func jsonlTrailingCommaIsLocated() {
        let found = problemsOf("t.cases.jsonl", "{\"inputs\": {\"question\": \"a\",}}\n")
        #expect(
            found.first?.hasPrefix(
                "t.cases.jsonl:1:29: error: invalid JSON: expected another member after `,` (trailing commas are not allowed)"
            ) == true, "\(found)")
    }

    @Test func jsonlIntegerAFloatWouldChangeIsRefused() {
        let found = problemsOf("n.cases.jsonl", "{\"inputs\": {\"question\": \"a\", \"n\": 9999999999999999999999}}\n")
        #expect(
            found.first?.hasPrefix(
                "n.cases.jsonl:1:35: error: invalid JSON: the number `9999999999999999999999` has more digits than a 64-bit float keeps"
            ) == true, "\(found)")
    }

    @Test func jsonlDeepNestingIsLocatedAndPlain() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let found = problemsOf("deep.cases.jsonl", "{\"inputs\": {\"question\": \"a\", \"doc\": {\"x\": \(deep)}}}\n")
        #expect(
            found.first?.hasPrefix("deep.cases.jsonl:1:") == true
                && found.first?.contains("nesting deeper than 512 levels of arrays and objects") == true, "\(found)")
    }

    @Test func jsonlCRLFAndIndentedLinesKeepTheirColumns() throws {
        let suite = try load(
            "crlf.cases.jsonl",
            "{\"inputs\": {\"question\": \"a\"}}\r\n\r\n\t {\"id\": \"b\", \"inputs\": {\"question\": \"b\"}}\r\n")
        #expect(suite.cases.map(\.id) == ["case-1", "b"])
        let found = problemsOf("bad.cases.jsonl", "\t {\"inputs\": {\"question\": \"a\",}}\r\n")
        #expect(found.first?.hasPrefix("bad.cases.jsonl:1:31:") == true, "\(found)")
    }

    // MARK: CSV strictness

    @Test func csvRepeatedColumnIsAnError() {
        let found = problemsOf("r.cases.csv", "id,question,n,question\n1,a,2,b\n")
        #expect(found.count == 1)
        #expect(
            found.first?.hasPrefix(
                "r.cases.csv:1:15: error: column `question` is named twice (first at line 1, column 4)") == true,
            "\(found)")
    }

    @Test func csvIntegerAFloatWouldChangeIsRefusedWithTheInputName() {
        let found = problemsOf(
            "n.cases.csv", "question,n\na,9999999999999999999999\nb,9007199254740993\nc,9007199254740992\n")
        #expect(found.count == 2, "\(found)")
        #expect(
            found.first?.hasPrefix(
                "n.cases.csv:2:3: error: input `n`: the number `9999999999999999999999` has more digits than a 64-bit float keeps"
            ) == true, "\(found)")
        #expect(
            found.last?.hasPrefix("n.cases.csv:3:3: error: input `n`: the number `9007199254740993`") == true,
            "\(found)")
    }

    @Test func csvJSONCellsAreStrict() {
        let found = problemsOf(
            "j.cases.csv",
            "question,doc,expect.schema\na,\"{\"\"k\"\": 1, \"\"k\"\": 2}\",\nb,,\"{\"\"type\"\": \"\"string\"\", \"\"type\"\": \"\"number\"\"}\"\n"
        )
        #expect(found.count == 2, "\(found)")
        #expect(found.allSatisfy { $0.contains("duplicate key") }, "\(found)")
    }

    // MARK: Bounds

    /// Before: about a second per MB (a debug build) went to validating UTF-8 one scalar at a time.
    @Test func fiftyMegabyteLineLoads() throws {
        let text = "{\"inputs\": {\"question\": \"" + String(repeating: "a", count: 50_000_000) + "\"}}\n"
        let start = ContinuousClock.now
        let suite = try load("long.cases.jsonl", text)
        let elapsed = ContinuousClock.now - start
        print("a 50 MB JSONL line loaded in \(elapsed)")
        #expect(suite.cases.first?.inputs["question"]?.stringValue?.utf8.count == 50_000_000)
        #expect(elapsed < .seconds(20))
    }

    @Test func tenMegabyteCSVFieldAndHundredThousandColumns() throws {
        let field = "question\n\"" + String(repeating: "b", count: 10_000_000) + "\"\n"
        var start = ContinuousClock.now
        let suite = try load("field.cases.csv", field)
        let fieldTime = ContinuousClock.now - start
        #expect(suite.cases.first?.inputs["question"]?.stringValue?.count == 10_000_000)
        let header = "question," + (0..<100_000).map { "c\($0)" }.joined(separator: ",")
        start = ContinuousClock.now
        let found = problemsOf("cols.cases.csv", header + "\n" + "a" + String(repeating: ",v", count: 100_000) + "\n")
        let columnsTime = ContinuousClock.now - start
        // Every column is checked; the first ones are listed (`manyProblemsAreCapped`).
        #expect(found.count == SuiteLoader.maxProblems)
        #expect(found.last?.hasPrefix("cols.cases.csv:1:") == true)
        print("a 10 MB CSV field: \(fieldTime); 100,000 unknown columns: \(columnsTime)")
        #expect(fieldTime < .seconds(20) && columnsTime < .seconds(20))
    }

    /// 200,000 lines here (the CLI figure for 1,000,000 is in the report); the error on the last
    /// line is found and located.
    @Test func manyLinesLoadLinearly() throws {
        var text = ""
        text.reserveCapacity(12_000_000)
        for i in 0..<200_000 {
            text += "{\"id\": \"c\(i)\", \"inputs\": {\"question\": \"q \(i)\"}, \"expect\": {\"contains\": \"q\"}}\n"
        }
        let start = ContinuousClock.now
        let suite = try load("many.cases.jsonl", text)
        let elapsed = ContinuousClock.now - start
        #expect(suite.cases.count == 200_000)
        let found = problemsOf("manybad.cases.jsonl", text + "{\"inputs\": {\"question\": \"a\",}}\n")
        #expect(
            found == [
                "manybad.cases.jsonl:200001:29: error: invalid JSON: expected another member after `,` (trailing commas are not allowed), found `}`\n  hint: each line holds one case: {\"inputs\": {…}, \"expect\": {…}}"
            ])
        print("200,000 JSONL cases loaded in \(elapsed)")
        #expect(elapsed < .seconds(60))
    }
}

extension CasesBoundsTests {
    @Test("a file of 10,000 bad lines lists the first 100 problems and counts the rest")
    func manyProblemsAreCapped() throws {
        let text = String(repeating: "{\"inputs\": {\"question\": \"a\",}}\n", count: 10_000)
        let path = try scratchFile("bad.cases.jsonl", text)
        let error = try #require(
            #expect(throws: EvalSuiteError.self) {
                try EvalSuite.load(path: path, inputs: Self.inputs, outputs: Self.outputs)
            })
        #expect(error.problems.count == SuiteLoader.maxProblems)
        #expect(error.problems.first?.line == 1 && error.problems.last?.line == SuiteLoader.maxProblems)
        #expect(error.notShown == 10_000 - SuiteLoader.maxProblems)
        #expect(
            error.description.hasSuffix("bad.cases.jsonl: 9900 more problems not shown (the first 100 are above)"),
            "\(error.description.suffix(200))")
    }
}
