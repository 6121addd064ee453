import Foundation
import Testing

@testable import PatchbayCore

@Suite struct JSONExtractionTests {
    @Test func bareJSON() throws {
        #expect(try JSONExtraction.extract(from: #"{"name": "Ann", "age": 31}"#) == ["name": "Ann", "age": 31])
        #expect(try JSONExtraction.extract(from: "  [1, 2, 3]\n") == [1, 2, 3])
        #expect(try JSONExtraction.extract(from: "42") == 42)
        #expect(try JSONExtraction.extract(from: #""just a string""#) == "just a string")
    }

    @Test func jsonFence() throws {
        let text = """
            Here is the data you asked for:

            ```json
            {"city": "Lyon", "tags": ["a", "b"]}
            ```

            Let me know if you need more.
            """
        #expect(try JSONExtraction.extract(from: text) == ["city": "Lyon", "tags": ["a", "b"]])
    }

    @Test func jsonFenceIsPreferredOverOtherFences() throws {
        let text = """
            ```python
            print({"not": "this"})
            ```
            ```JSON
            {"this": true}
            ```
            """
        #expect(try JSONExtraction.extract(from: text) == ["this": true])
    }

    @Test func unlabelledAndUnclosedFences() throws {
        #expect(try JSONExtraction.extract(from: "```\n[1, 2]\n```") == [1, 2])
        #expect(try JSONExtraction.extract(from: "Sure!\n```json\n{\"cut\": \"off\"}\n") == ["cut": "off"])
    }

    @Test func proseAroundJSON() throws {
        let text = #"Sure! The answer is {"sentiment": "positive", "score": 0.9} — hope that helps {smile}."#
        #expect(try JSONExtraction.extract(from: text) == ["sentiment": "positive", "score": 0.9])
    }

    @Test func bracesInsideStringsDoNotConfuseTheScan() throws {
        let text = #"Result: {"code": "if (x) { y[0] = \"}\"; }", "ok": true} done"#
        #expect(try JSONExtraction.extract(from: text) == ["code": #"if (x) { y[0] = "}"; }"#, "ok": true])
    }

    @Test func firstBalancedValueThatParsesWins() throws {
        let text = #"Not JSON: {name: Ann}. Real: [{"name": "Ann"}] and later {"other": 1}"#
        #expect(try JSONExtraction.extract(from: text) == [["name": "Ann"]])
    }

    @Test func trailingCommasAreForgiven() throws {
        #expect(try JSONExtraction.extract(from: "{\"a\": [1, 2,], \"b\": \"x,]\",}") == ["a": [1, 2], "b": "x,]"])
    }

    @Test func unicodeSurvives() throws {
        #expect(try JSONExtraction.extract(from: "Voilà: {\"mot\": \"café ☕\"}") == ["mot": "café ☕"])
    }

    @Test func noJSONShowsTheStartOfTheText() {
        let error = #expect(throws: JSONExtractionError.self) {
            try JSONExtraction.extract(from: "I'm sorry, I cannot help with that request.\nSecond line")
        }
        #expect(error?.message.contains("no JSON object or array found") == true)
        #expect(error?.message.contains("\"I'm sorry, I cannot help with that request.…\"") == true)
    }

    @Test func emptyText() {
        let error = #expect(throws: JSONExtractionError.self) { try JSONExtraction.extract(from: "  \n ") }
        #expect(error?.message.contains("empty") == true)
    }

    @Test func invalidCandidateSaysWhyAndWhere() {
        let error = #expect(throws: JSONExtractionError.self) {
            try JSONExtraction.extract(from: "Answer:\n{name: 'Ann'}")
        }
        #expect(error?.message.contains("line 2 does not parse") == true)
    }

    @Test func truncatedOutputIsCalledOut() {
        let error = #expect(throws: JSONExtractionError.self) {
            try JSONExtraction.extract(from: #"{"items": [1, 2, "#)
        }
        #expect(error?.message.contains("never ends") == true)
    }

    @Test func longFirstLineIsCutInThePreview() {
        let error = #expect(throws: JSONExtractionError.self) {
            try JSONExtraction.extract(from: String(repeating: "x", count: 200))
        }
        #expect(error?.message.contains(String(repeating: "x", count: 80) + "…\"") == true)
        #expect(error?.message.contains(String(repeating: "x", count: 81)) == false)
    }
}
