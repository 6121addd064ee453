import Foundation
import Testing

@testable import PatchbayCore

/// JSON people write is read strictly: a repeated key is an error at the second key naming the
/// first, a trailing comma is refused at its place, and (for inputs and cases) a number a 64-bit
/// float would change is refused. What programs send stays lenient. Bounds stay linear.
@Suite struct JSONStrictnessTests {
    func failure(_ text: String, _ options: JSONParseOptions = .strict) -> JSONParseError? {
        do {
            _ = try JSONValue(parsing: text, options: options)
            return nil
        } catch let error as JSONParseError {
            return error
        } catch {
            return nil
        }
    }

    @Test func duplicateKeyIsAnErrorAtTheSecondNamingTheFirst() throws {
        let error = try #require(failure("{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}"))
        #expect(error.kind == .duplicateKey)
        #expect((error.line, error.column) == (4, 3))
        #expect(error.reason == "duplicate key `a` (first at line 2, column 3): keys in an object must be unique")
        #expect(error.topLevelKey == "a")
    }

    @Test func duplicateKeyInsideANestedObject() throws {
        let error = try #require(failure(#"{"inputs": {"x": {"k": [1, {"k": 2}], "k": 3}}}"#))
        #expect(error.kind == .duplicateKey)
        #expect((error.line, error.column) == (1, 39))
        #expect(error.reason.contains("first at line 1, column 19"), "\(error)")
        #expect(error.topLevelKey == "inputs")
    }

    @Test func equalKeysInDifferentObjectsAreFine() throws {
        #expect(try JSONValue(parsing: #"[{"a":1},{"a":2}]"#) == [["a": 1], ["a": 2]])
        #expect(try JSONValue(parsing: #"{"a":{"a":{"a":1}}}"#) == ["a": ["a": ["a": 1]]])
    }

    @Test func escapedKeysAreComparedDecoded() throws {
        let error = try #require(failure(#"{"é":1,"\u00e9":2}"#))
        #expect(error.kind == .duplicateKey && error.column == 8)
    }

    @Test func keysShownInTheMessageAreEscapedAndShort() throws {
        let key = "\u{1B}[31m" + String(repeating: "k", count: 500)
        let text = "{" + JSONValue.string(key).compactJSON + ":1," + JSONValue.string(key).compactJSON + ":2}"
        let error = try #require(failure(text))
        #expect(!error.reason.unicodeScalars.contains { $0.value < 0x20 }, "\(error.reason)")
        #expect(error.reason.count < 200)
    }

    @Test func lenientKeepsTheFirstForWhatProgramsSend() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"a":2}"#, options: .lenient) == ["a": 1])
    }

    @Test func trailingCommasAreRefusedAtTheirPlace() throws {
        let object = try #require(failure("{\"a\": 1,\n}"))
        #expect((object.line, object.column, object.kind) == (2, 1, .syntax))
        #expect(object.reason.contains("trailing commas are not allowed"))
        let array = try #require(failure("[1, 2, ]", .lenient))
        #expect((array.line, array.column) == (1, 8))
    }

    @Test func numbersAFloatWouldChangeAreRefusedForUserInput() throws {
        for text in [
            "9999999999999999999999", "9007199254740993", "-12345678901234567", "0.12345678901234567891",
            "[1, {\"n\": 123456789012345678}]",
        ] {
            let error = try #require(failure(text, .userInput), "\(text)")
            #expect(error.kind == .inexactNumber, "\(text)")
            #expect(error.reason.contains("has more digits than a 64-bit float keeps"), "\(error)")
            #expect((try? JSONValue(parsing: text)) != nil, "the default keeps reading \(text)")
        }
        let located = try #require(failure("{\n  \"n\": 9999999999999999999999\n}", .userInput))
        #expect((located.line, located.column, located.topLevelKey) == (2, 8, "n"))
        #expect(
            located.reason
                == "the number `9999999999999999999999` has more digits than a 64-bit float keeps: it would be read as 1e+22"
        )
    }

    @Test func numbersKeptAsWrittenPass() throws {
        let texts = [
            "0", "-0", "0.1", "1.5", "3.25e-7", "1e22", "9007199254740992", "18014398509481984",
            "1.50000000000000000000", "123456789012345", "0.30000000000000004", "5e-324", "1.7976931348623157e308",
        ]
        for text in texts {
            #expect(failure(text, .userInput) == nil, "\(text)")
        }
    }

    @Test func deepNestingIsLocatedAndPlain() throws {
        let error = try #require(
            failure(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)))
        #expect(error.kind == .tooDeep)
        #expect((error.line, error.column) == (1, 513))
        #expect(error.reason == "nesting deeper than 512 levels of arrays and objects")
    }

    /// 100,000 copies of one key: found at the second, in linear time; lenient reads them all.
    @Test func manyDuplicateKeysStayLinear() throws {
        let text = "{" + (0..<100_000).map { "\"x\":\($0)" }.joined(separator: ",") + "}"
        var clock = ContinuousClock.now
        let error = try #require(failure(text))
        #expect(error.column == 8)
        clock = ContinuousClock.now
        #expect(try JSONValue(parsing: text, options: .lenient) == ["x": 0])
        let lenient = ContinuousClock.now - clock
        let distinct = "{" + (0..<100_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k5\":0}"
        clock = ContinuousClock.now
        let last = try #require(failure(distinct))
        let strict = ContinuousClock.now - clock
        #expect(last.reason.contains("first at line 1, column 37"), "\(last)")
        print("100,000 duplicate keys, lenient: \(lenient); 100,000 distinct keys then a duplicate, strict: \(strict)")
        #expect(lenient < .seconds(5) && strict < .seconds(5))
    }
}
