import Foundation
import PatchbayCore
import Testing

@testable import PatchbayEval

@Suite struct SuiteLoadTests {
    static let inputs = [
        PortSpec("question", .string), PortSpec("n", .integer, required: false),
        PortSpec("flag", .boolean, required: false),
    ]
    static let oneOutput = [PortSpec("answer", .string)]

    @Test func yamlWithChecksJudgeAndDefaultIDs() throws {
        let path = try scratchFile(
            "q.cases.yaml",
            """
            judge: strict
            checks:
              - { name: not empty, regex: '.' }
            cases:
              - inputs: { question: Capital of France?, n: 3 }
                expect: { contains: Paris, icontains: paris }
              - id: second
                inputs: { question: 'Two?' }
                expect:
                  - { output: answer, equals: "2" }
                  - { judge: { rubric: Says two, model: big } }
              - { question: shorthand, flag: true }
            """)
        let suite = try EvalSuite.load(path: path, inputs: Self.inputs, outputs: Self.oneOutput)
        #expect(suite.cases.map(\.id) == ["case-1", "second", "case-3"])
        #expect(suite.cases[0].inputs == ["question": "Capital of France?", "n": 3])
        #expect(suite.cases[0].expectations.map(\.test) == [.contains("Paris"), .icontains("paris")])
        #expect(suite.cases[1].expectations.map(\.test) == [.equals("2"), .judge(rubric: "Says two", model: "big")])
        #expect(suite.cases[1].expectations[0].output == "answer")
        #expect(suite.cases[2].inputs == ["question": "shorthand", "flag": true])
        #expect(suite.checks.map(\.label) == ["not empty"])
        #expect(suite.judge == "strict" && suite.judgeLine == 1 && suite.checksLine == 2)
        #expect(suite.cases[1].line == 7)
        #expect(suite.hash.count == 64)
    }

    @Test func topLevelListAndJSONLines() throws {
        let yaml = try scratchFile(
            "l.cases.yaml", "- { id: a, inputs: { question: x } }\n- { id: b, inputs: { question: y } }\n")
        #expect(try EvalSuite.load(path: yaml, inputs: Self.inputs).cases.map(\.id) == ["a", "b"])
        let jsonl = try scratchFile(
            "l.cases.jsonl",
            """
            {"id": "a", "inputs": {"question": "x"}, "expect": {"contains": "y"}}

            {"question": "no inputs key", "n": 2, "expect": [{"name": "has x", "regex": "x"}]}
            """)
        let suite = try EvalSuite.load(path: jsonl, inputs: Self.inputs)
        #expect(suite.cases.map(\.id) == ["a", "case-3"])
        #expect(suite.cases[1].inputs == ["question": "no inputs key", "n": 2])
        #expect(suite.cases[1].expectations.map(\.label) == ["has x"])
    }

    @Test func csvConvertsTextToDeclaredTypes() throws {
        let path = try scratchFile(
            "c.cases.csv",
            """
            id,question,n,flag,expect.contains,expect.answer.regex,expect.schema
            one,"Hi, there",4,true,Hi,^H,
            ,"multi
            line",,no,,,"{""type"": ""string""}"

            """)
        let suite = try EvalSuite.load(path: path, inputs: Self.inputs, outputs: Self.oneOutput)
        #expect(suite.cases.map(\.id) == ["one", "case-2"])
        #expect(suite.cases[0].inputs == ["question": "Hi, there", "n": 4, "flag": true])
        #expect(
            suite.cases[0].expectations == [
                Expectation(test: .contains("Hi")), Expectation(output: "answer", test: .regex("^H")),
            ])
        #expect(suite.cases[1].inputs == ["question": "multi\nline", "flag": false])
        #expect(suite.cases[1].expectations.map(\.test) == [.schema(["type": "string"])])
    }

    @Test func csvTypeErrorNamesFileLineAndColumn() throws {
        let path = try scratchFile("bad.cases.csv", "question,n\nok,1\nok,three\n")
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs) }
        #expect(found == ["\(path):3:4: error: input `n` must be a number, got \"three\""], "\(found)")
    }

    @Test func unknownInputSuggestsAndMissingRequiredIsNamed() throws {
        let path = try scratchFile(
            "u.cases.yaml",
            """
            cases:
              - { id: a, inputs: { questoin: x } }
              - { id: b, inputs: { question: 5 } }
            """)
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs) }
        #expect(found.count == 3, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("\(path):2:5: error: case `a`: `questoin` is not an input")
                    && $0.contains("did you mean `question`?")
            }, "\(found)")
        #expect(
            found.contains { $0.hasPrefix("\(path):2:5: error: case `a` is missing the required input `question`") },
            "\(found)")
        #expect(found.contains { $0.contains("case `b`: input `question` must be string, got integer") }, "\(found)")
    }

    @Test func duplicateIDsAndUnknownTests() throws {
        let path = try scratchFile(
            "d.cases.jsonl",
            """
            {"id": "a", "inputs": {"question": "x"}}
            {"id": "a", "inputs": {"question": "y"}, "expect": {"contians": "z"}}
            {"id": "a", "inputs": {"question": "y"}}
            """)
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs) }
        #expect(
            found.contains {
                $0.hasPrefix("\(path):2:1: error: unknown test `contians`") && $0.contains("did you mean `contains`?")
            }, "\(found)")
        #expect(
            found.contains { $0.hasPrefix("\(path):3:1: error: case id `a` is used twice (first at line 1)") },
            "\(found)")
    }

    @Test func jsonLinesErrorsNameTheirOwnColumnAndComeInLineOrder() throws {
        let path = try scratchFile(
            "c.cases.jsonl",
            """
            {"id": "a", "inputs": {"question": "x"}}
            {"id": "a", "inputs": {"question": "y"}}

              {"id": "b", "inputs": {"question": "y"},, }
            """)
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs) }
        #expect(found.count == 2, "\(found)")
        #expect(found.first?.hasPrefix("\(path):2:1: error: case id `a` is used twice") == true, "\(found)")
        // Column 43: the second comma, counting the two spaces before the object.
        #expect(found.last?.hasPrefix("\(path):4:43: error: invalid JSON: ") == true, "\(found)")
        #expect(found.last?.contains("at line") == false, "\(found)")
    }

    @Test func severalOutputsNeedANamedOne() throws {
        let path = try scratchFile(
            "o.cases.yaml",
            "cases:\n  - { inputs: { question: x }, expect: { contains: y } }\n  - { inputs: { question: x }, expect: { output: summry, contains: y } }\n"
        )
        let outputs = [PortSpec("summary"), PortSpec("counts")]
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs, outputs: outputs) }
        #expect(
            found.contains {
                $0.contains("the graph has several outputs (summary, counts); say which one `contains` checks")
            }, "\(found)")
        #expect(
            found.contains {
                $0.contains("`summry` is not an output of the graph") && $0.contains("did you mean `summary`?")
            }, "\(found)")
    }

    @Test func badRegexAndJqAreLoadErrors() throws {
        let path = try scratchFile(
            "r.cases.yaml",
            "- { inputs: { question: x }, expect: { regex: '(' } }\n- { inputs: { question: x }, expect: { jq: '.[' } }\n"
        )
        let found = problems { _ = try EvalSuite.load(path: path, inputs: Self.inputs) }
        #expect(
            found.count == 2 && found[0].contains("regex `(` does not compile")
                && found[1].contains("jq `.[` does not compile"), "\(found)")
    }

    @Test(
        "every sample cases file loads against its graph",
        arguments: [
            "classify.cases.yaml", "digest.cases.jsonl", "extract.cases.yaml", "refine.cases.yaml",
            "summarize.cases.yaml", "text-stats.cases.csv",
        ])
    func sampleCases(file: String) throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("sample-graphs")
        let graphFile = samples.appendingPathComponent(file.components(separatedBy: ".cases.")[0] + ".graph.yaml").path
        let document = try GraphLoader().load(graphFile)
        let suite = try EvalSuite.load(
            path: samples.appendingPathComponent(file).path, inputs: document.graph.inputPorts,
            outputs: document.graph.outputPorts)
        #expect(suite.cases.count >= 3)
    }
}
