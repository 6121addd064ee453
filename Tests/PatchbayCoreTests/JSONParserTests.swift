import Foundation
import Testing

@testable import PatchbayCore

@Suite struct JSONParserTests {
    // MARK: Agreement with Foundation

    /// Documents both parsers accept; they must give the same value.
    static let valid: [String] = [
        "null", "true", "false", "0", "-0", "1", "-1", "42", "3.25", "-3.25", "\"\"", "\"x\"", "[]", "{}",
        " \t\r\n 7 \n\t\r ", "\u{FEFF}[1]",
        "0.1", "0.2", "0.30000000000000004", "1e3", "1E3", "1e+3", "1e-3", "-1.5e-7", "2.5E+10", "0e0", "-0.0",
        "123456789012345", "9007199254740991", "9007199254740993", "18446744073709551615",
        "123456789012345678901234567890", "1.7976931348623157e308", "-1.7976931348623157e308",
        "2.2250738585072014e-308", "4.9e-324", "5e-324", "1e22", "1e23", "1.0000000000000002",
        "0.000001", "123.456e-20", "3.141592653589793238462643383279", "1e-22", "8.98846567431158e307",
        #""\" \\ \/ \b \f \n \r \t""#, #""\u0000\u001f\u007f\u0080\u00e9\u20ac\uFFFF""#,
        #""\ud83d\ude00 \uD834\uDD1E \udbff\udfff""#, #""plain é 😀 日本語""#, "\"\u{7F}\u{85}\"",
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"[1,[2,[3,[4,[5]]]],{"x":{"y":{"z":[]}}}]"#,
        "{\n  \"name\": \"Ann\",\n  \"tags\": [\"a\", \"b\"],\n  \"age\": 31.5\n}\n",
        #"{"":"empty key","é":"non-ASCII key","a\"b":"escaped key"}"#,
        #"[{"k":[{}]},[[]],"",0]"#,
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
    ]

    @Test(arguments: valid) func agreesWithFoundation(_ text: String) throws {
        #expect(try JSONValue(parsing: text) == reference(text), "\(text.prefix(60).debugDescription)")
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try JSONValue(parsing: #""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONValue(parsing: #""\u0041\u00e9\u20AC""#) == .string("Aé€"))
        #expect(try JSONValue(parsing: #""a\ud83d\ude00b""#) == .string("a😀b"))
        #expect(try JSONValue(parsing: #""\u0000""#).stringValue?.unicodeScalars.map(\.value) == [0])
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue(parsing: #""\ud800""#) == .string("\u{FFFD}"))
        #expect(try JSONValue(parsing: #""x\udc00y""#) == .string("x\u{FFFD}y"))
        #expect(try JSONValue(parsing: #""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONValue(parsing: #""\ud800\ud800\udc00""#) == .string("\u{FFFD}\u{10000}"))
        #expect(try JSONValue(parsing: #""\ud800\n""#) == .string("\u{FFFD}\n"))
    }

    @Test func numbersAreExact() throws {
        #expect(try JSONValue(parsing: "0.1").doubleValue == 0.1)
        #expect(try JSONValue(parsing: "-0").doubleValue?.sign == .minus)
        #expect(try JSONValue(parsing: "1e-400").doubleValue == 0)
        #expect(try JSONValue(parsing: "5e-324").doubleValue == .leastNonzeroMagnitude)
        #expect(try JSONValue(parsing: "1.7976931348623157e308").doubleValue == .greatestFiniteMagnitude)
        #expect(try JSONValue(parsing: "9007199254740993").doubleValue == 9_007_199_254_740_992)
        #expect(try JSONValue(parsing: "1234567890123456789").intValue == nil)
        #expect(try JSONValue(parsing: "[1e2, 12.5e-1, -7]") == [100, 1.25, -7])
    }

    /// Foundation's JSONDecoder kept the first of two equal keys; so does the lenient parser
    /// (model replies); files people write are strict (JSONStrictnessTests).
    @Test func duplicateKeysKeepTheFirstWhenLenient() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#, options: .lenient) == ["a": 1, "b": 2])
    }

    @Test func nestingDeeperThanTheLimitIsAnError() throws {
        let depth = JSONParser.maxDepth
        let deepest = String(repeating: #"{"a":"#, count: depth) + "0" + String(repeating: "}", count: depth)
        #expect(throws: Never.self) { try JSONValue(parsing: deepest) }
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        let error = try #require(throws: JSONParseError.self) { try JSONValue(parsing: tooDeep) }
        #expect(error.line == 1 && error.column == depth + 1)
        #expect(error.reason.contains("deeper than 512"))
    }

    // MARK: Errors

    struct Invalid: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var reason: String
        var description: String { text.debugDescription }
    }

    static let invalid: [Invalid] = [
        .init(
            text: "", line: 1, column: 1,
            reason:
                "expected a JSON value (object, array, string, number, true, false or null), found the end of the text"),
        .init(text: "   ", line: 1, column: 4, reason: "expected a JSON value"),
        .init(text: "\u{FEFF}", line: 1, column: 2, reason: "found the end of the text"),
        .init(
            text: "{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}", line: 4, column: 3,
            reason: "expected `,` or `}` after an object member, found `\"`"),
        .init(
            text: #"{"a":1,}"#, line: 1, column: 8,
            reason: "expected another member after `,` (trailing commas are not allowed)"),
        .init(
            text: "[1,]", line: 1, column: 4,
            reason: "expected another element after `,` (trailing commas are not allowed)"),
        .init(text: "[\"é\", ]", line: 1, column: 7, reason: "trailing commas"),
        .init(text: "[1 2]", line: 1, column: 4, reason: "expected `,` or `]` after an array element, found `2`"),
        .init(text: "[1,\r\n2,\r\n3 4]", line: 3, column: 3, reason: "expected `,` or `]`"),
        .init(text: #"{"a" 1}"#, line: 1, column: 6, reason: "expected `:` after an object key, found `1`"),
        .init(text: "{a:1}", line: 1, column: 2, reason: "expected a key in double quotes or `}`, found `a`"),
        .init(text: "{'a':1}", line: 1, column: 2, reason: "expected a key in double quotes or `}`"),
        .init(text: #"{"a":1,2}"#, line: 1, column: 8, reason: "expected a key in double quotes, found `2`"),
        .init(
            text: #"{"a":}"#, line: 1, column: 6,
            reason: "expected a JSON value (object, array, string, number, true, false or null), found `}`"),
        .init(text: "{", line: 1, column: 2, reason: "found the end of the text"),
        .init(text: "[", line: 1, column: 2, reason: "expected a JSON value"),
        .init(
            text: "[1", line: 1, column: 3,
            reason: "expected `,` or `]` after an array element, found the end of the text"),
        .init(text: "\"abc", line: 1, column: 1, reason: "unterminated string"),
        .init(text: "[\"ok\",\n \"abc\\\"]", line: 2, column: 2, reason: "unterminated string"),
        .init(text: "\"a\nb\"", line: 1, column: 3, reason: "a line break inside a string must be escaped"),
        .init(text: "\"a\tb\"", line: 1, column: 3, reason: "a tab inside a string"),
        .init(text: "\"\u{1}\"", line: 1, column: 2, reason: "control character U+0001 inside a string"),
        .init(text: #""\x""#, line: 1, column: 3, reason: "after `\\` in a string, found `x`"),
        .init(text: #""\u12g4""#, line: 1, column: 6, reason: "expected 4 hex digits after `\\u`, found `g`"),
        .init(text: #""\u12""#, line: 1, column: 6, reason: "expected 4 hex digits"),
        .init(text: "\"\\", line: 1, column: 3, reason: "expected an escape after `\\`, found the end of the text"),
        .init(text: "01", line: 1, column: 2, reason: "a number cannot start with `0` followed by digits"),
        .init(text: "-01", line: 1, column: 3, reason: "a number cannot start with `0`"),
        .init(text: "-", line: 1, column: 2, reason: "expected a digit after `-`, found the end of the text"),
        .init(text: "-a", line: 1, column: 2, reason: "expected a digit after `-`, found `a`"),
        .init(text: "1.", line: 1, column: 3, reason: "expected a digit after `.`"),
        .init(text: "1.e3", line: 1, column: 3, reason: "expected a digit after `.`, found `e`"),
        .init(text: ".5", line: 1, column: 1, reason: "expected a JSON value"),
        .init(text: "+1", line: 1, column: 1, reason: "expected a JSON value"),
        .init(text: "1e", line: 1, column: 3, reason: "expected a digit in the exponent"),
        .init(text: "1e+", line: 1, column: 4, reason: "expected a digit in the exponent"),
        .init(text: "1e400", line: 1, column: 1, reason: "the number 1e400 is too large for a 64-bit float"),
        .init(text: "[0, -1e99999]", line: 1, column: 5, reason: "too large"),
        .init(text: "tru", line: 1, column: 4, reason: "expected `true`, found the end of the text"),
        .init(text: "nul1", line: 1, column: 4, reason: "expected `null`, found `1`"),
        .init(text: "fals", line: 1, column: 5, reason: "expected `false`"),
        .init(text: "True", line: 1, column: 1, reason: "expected a JSON value"),
        .init(text: "NaN", line: 1, column: 1, reason: "expected a JSON value"),
        .init(text: "Infinity", line: 1, column: 1, reason: "expected a JSON value"),
        .init(text: "[1]x", line: 1, column: 4, reason: "expected the end of the text after the JSON value, found `x`"),
        .init(text: "1 2", line: 1, column: 3, reason: "expected the end of the text after the JSON value, found `2`"),
        .init(text: "{} {}", line: 1, column: 4, reason: "expected the end of the text"),
        .init(text: "// note\n1", line: 1, column: 1, reason: "found `/`"),
        .init(text: "[1,\u{A0}2]", line: 1, column: 4, reason: "found U+00A0"),
        .init(text: "[1,\u{202E}2]", line: 1, column: 4, reason: "found U+202E"),
        .init(text: "[`]", line: 1, column: 2, reason: "found a backtick"),
    ]

    @Test(arguments: invalid) func invalidInputsSayWhereAndWhat(_ case: Invalid) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONValue(parsing: `case`.text) }
        #expect(error.line == `case`.line && error.column == `case`.column, "\(error)")
        #expect(error.reason.contains(`case`.reason), "\(error)")
        #expect(error.description == "invalid JSON at line \(error.line), column \(error.column): \(error.reason)")
        // Foundation rejected these too (except what it tolerated: a trailing comma).
        if !`case`.reason.contains("trailing commas") {
            #expect(throws: (any Error).self) { try reference(`case`.text) }
        }
    }

    // MARK: Round trips

    @Test func generatedTreesRoundTrip() throws {
        var random = SplitMix64(seed: 0x5EED_2026)
        for index in 0..<3000 {
            let value = randomValue(&random, depth: 0)
            let compact = value.compactJSON
            let parsed = try JSONValue(parsing: compact)
            #expect(parsed == value, "tree \(index): \(compact.prefix(200))")
            #expect(try JSONValue(parsing: value.prettyJSON) == value, "tree \(index), pretty")
            if index % 10 == 0 {
                #expect(parsed == (try reference(compact)), "tree \(index) against Foundation: \(compact.prefix(200))")
            }
        }
    }

    @Test func generatedNumbersMatchFoundation() throws {
        var random = SplitMix64(seed: 42)
        var texts: [String] = []
        for _ in 0..<2000 {
            let value = Double(bitPattern: random.next())
            if value.isFinite { texts.append(String(value)) }
            texts.append(String(Int64(bitPattern: random.next()) >> (random.next() % 64)))
            let digits = (0..<Int(random.next() % 20 + 1)).map { _ in String(random.next() % 10) }.joined()
            texts.append("0.\(digits)e\(Int(random.next() % 40) - 20)")
        }
        for text in texts {
            let ours = try JSONValue(parsing: text)
            do {
                #expect(ours == (try reference(text)), "\(text)")
            } catch {
                // Foundation rejects some zeros with an exponent, such as 0.00e-3: valid JSON.
                #expect(ours == 0, "Foundation rejected \(text): \(error)")
            }
        }
    }

    // MARK: Helpers

    private func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        let kind = random.next() % (depth > 4 ? 4 : 6)
        switch kind {
        case 0: return [.null, .bool(true), .bool(false)][Int(random.next() % 3)]
        case 1: return .number(randomNumber(&random))
        case 2, 3: return .string(randomString(&random))
        case 4: return .array((0..<Int(random.next() % 5)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 5) {
                object[randomString(&random)] = randomValue(&random, depth: depth + 1)
            }
            return .object(object)
        }
    }

    private func randomNumber(_ random: inout SplitMix64) -> Double {
        switch random.next() % 4 {
        case 0: return Double(Int64(bitPattern: random.next()) >> 40)
        case 1: return Double(Int64(bitPattern: random.next()) >> 20) / 1000
        case 2:
            let value = Double(bitPattern: random.next())
            return value.isFinite ? value : 0.5
        default: return Double(random.next() % 1000) * pow(10, Double(Int(random.next() % 40) - 20))
        }
    }

    /// Mostly ASCII, with what needs escaping and what is more than one UTF-8 byte.
    private func randomString(_ random: inout SplitMix64) -> String {
        let special: [Unicode.Scalar] = [
            "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "é", "€", "😀", "\u{10FFFF}",
            "\u{FEFF}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(random.next() % 12) {
            if random.next() % 4 == 0 {
                scalars.append(special[Int(random.next() % UInt64(special.count))])
            } else {
                scalars.append(Unicode.Scalar(UInt8(0x20 + random.next() % 95)))
            }
        }
        return String(scalars)
    }
}

/// What Foundation's decoder makes of a text, the way `JSONValue` decoded before it had a parser.
private func reference(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(ReferenceJSON.self, from: Data(text.utf8)).value
}

private struct ReferenceJSON: Decodable {
    var value: JSONValue

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            value = .null
        } else if let b = try? c.decode(Bool.self) {
            value = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            value = .number(n)
        } else if let s = try? c.decode(String.self) {
            value = .string(s)
        } else if let a = try? c.decode([ReferenceJSON].self) {
            value = .array(a.map(\.value))
        } else {
            value = .object(try c.decode([String: ReferenceJSON].self).mapValues(\.value))
        }
    }
}

/// A small seeded generator, so a failing tree is the same tree on the next run.
/// A small deterministic generator, so a failing round can be replayed (also `FmtMeaningTests`).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
