/// A JSON text that could not be parsed: where (1-based line and column, counted in Unicode
/// scalars) and what was expected there.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var column: Int
    /// What was expected and what was found, without the position.
    public var reason: String
    /// The member of the top-level object the error is in (an input's name in an inputs file).
    public var topLevelKey: String?
    public var kind: Kind = .syntax

    public enum Kind: Sendable, Hashable {
        /// Not JSON at all.
        case syntax
        /// Nested deeper than `JSONParser.maxDepth`.
        case tooDeep
        /// Valid JSON refused by `JSONParseOptions`: a repeated key, a number not kept as written.
        case duplicateKey, inexactNumber
    }

    public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

/// How strictly JSON text is read. The default (`strict`) is for files people write; `lenient`
/// is for what programs send, where refusing a whole reply for a repeated key helps no one.
public struct JSONParseOptions: Sendable, Hashable {
    public enum DuplicateKeys: Sendable, Hashable {
        /// An error at the second key, naming where the first is (as YAML files are read).
        case reject
        /// The first of two equal keys wins, as Foundation's JSONDecoder did.
        case firstWins
    }

    public var duplicateKeys: DuplicateKeys
    /// Numbers a 64-bit float can't hold as written (`9999999999999999999999`, more than 17
    /// significant digits) are errors at their position, by the rule YAML graph files follow.
    public var exactNumbers: Bool

    public init(duplicateKeys: DuplicateKeys = .reject, exactNumbers: Bool = false) {
        self.duplicateKeys = duplicateKeys
        self.exactNumbers = exactNumbers
    }

    /// Files people write: `.graph.json`, a `read-file` node's JSON, values typed in the workbench.
    public static let strict = JSONParseOptions()
    /// Values people give as inputs or cases (`--inputs`, `--input`, JSONL and CSV cases): strict,
    /// and a number is kept exactly as written or refused.
    public static let userInput = JSONParseOptions(duplicateKeys: .reject, exactNumbers: true)
    /// What programs send: model replies, SSE payloads, a command's output, rows we stored.
    public static let lenient = JSONParseOptions(duplicateKeys: .firstWins)
}

/// A strict RFC 8259 parser, one pass over UTF-8 bytes straight into `JSONValue` (model replies and
/// SSE payloads go through here, so it avoids Foundation's decoder and its boxes).
///
/// Choices where the RFC leaves room, kept as Foundation's `JSONDecoder` behaved unless noted:
/// - any value at the top level; one leading byte order mark is skipped;
/// - duplicate keys: an error by default, or the first wins (`JSONParseOptions`);
/// - numbers become `Double`; one too large for it is an error, one too small becomes 0;
/// - a `\uXXXX` surrogate without its pair becomes U+FFFD (JSONDecoder rejected the whole text;
///   JavaScript emits such halves when it cuts a string inside an emoji);
/// - nesting deeper than ``maxDepth`` is an error rather than a stack overflow.
struct JSONParser {
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private let options: JSONParseOptions
    /// Where the bytes start in their file, so every position reported is the file's.
    private var origin = (line: 1, column: 1)
    private var index = 0
    private var depth = 0
    /// The key of the top-level object's member being read, for errors.
    private var topLevelKey: String?

    private init(_ bytes: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) {
        self.bytes = bytes
        self.options = options
    }

    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: JSONParseOptions = .strict,
        origin: (line: Int, column: Int) = (1, 1)
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes, options: options)
        parser.origin = origin
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            parser.topLevelKey = nil
            throw parser.failure("expected the end of the text after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        switch index < bytes.count ? bytes[index] : 0 {
        case Byte.openBrace: return try parseObject()
        case Byte.openBracket: return try parseArray()
        case Byte.quote: return .string(try parseString())
        case Byte.minus, Byte.zero...Byte.nine: return .number(try parseNumber())
        case Byte.t:
            try expectLiteral("true")
            return .bool(true)
        case Byte.f:
            try expectLiteral("false")
            return .bool(false)
        case Byte.n:
            try expectLiteral("null")
            return .null
        default: throw failure("expected a JSON value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        let start = index
        index += 1
        skipWhitespace()
        var members: [String: JSONValue] = [:]
        if peek == Byte.closeBrace {
            index += 1
            return .object(members)
        }
        while true {
            guard peek == Byte.quote else {
                if !members.isEmpty, peek == Byte.closeBrace {
                    throw failure("expected another member after `,` (trailing commas are not allowed)")
                }
                throw failure(
                    members.isEmpty ? "expected a key in double quotes or `}`" : "expected a key in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            if depth == 1 { topLevelKey = key }
            // One hash lookup per member either way: 100,000 keys stay linear.
            if members[key] != nil, options.duplicateKeys == .reject {
                throw duplicateKey(key, at: keyOffset, objectStart: start)
            }
            skipWhitespace()
            guard peek == Byte.colon else { throw failure("expected `:` after an object key") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            if members[key] == nil { members[key] = value }
            if depth == 1 { topLevelKey = nil }
            skipWhitespace()
            switch peek {
            case Byte.comma:
                index += 1
                skipWhitespace()
            case Byte.closeBrace:
                index += 1
                return .object(members)
            default: throw failure("expected `,` or `}` after an object member")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        var items: [JSONValue] = []
        if peek == Byte.closeBracket {
            index += 1
            return .array(items)
        }
        while true {
            if !items.isEmpty, peek == Byte.closeBracket {
                throw failure("expected another element after `,` (trailing commas are not allowed)")
            }
            items.append(try parseValue())
            skipWhitespace()
            switch peek {
            case Byte.comma:
                index += 1
                skipWhitespace()
            case Byte.closeBracket:
                index += 1
                return .array(items)
            default: throw failure("expected `,` or `]` after an array element")
            }
        }
    }

    /// The second of two equal keys, naming where the first is. Found by reading the object again
    /// from its `{` (once, on the way out), so the members themselves keep no positions.
    private func duplicateKey(_ key: String, at offset: Int, objectStart: Int) -> JSONParseError {
        var scan = JSONParser(bytes, options: .lenient)
        scan.origin = origin
        scan.index = objectStart + 1
        scan.depth = depth
        var first: Int?
        while scan.index < offset {
            scan.skipWhitespace()
            let keyStart = scan.index
            guard scan.peek == Byte.quote, let found = try? scan.parseString() else { break }
            if found == key {
                first = keyStart
                break
            }
            scan.skipWhitespace()
            scan.index += 1  // the `:`
            scan.skipWhitespace()
            guard (try? scan.parseValue()) != nil else { break }
            scan.skipWhitespace()
            scan.index += 1  // the `,`
        }
        let shown = TerminalText.escape(key.count > 60 ? key.prefix(60) + "…" : key)
        let place =
            first.map { offset in
                let (line, column) = position(of: offset)
                return " (first at line \(line), column \(column))"
            } ?? ""
        var error = failure(
            "duplicate key `\(shown)`\(place): keys in an object must be unique", at: offset, found: false)
        error.kind = .duplicateKey
        return error
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth {
            var error = failure("nesting deeper than \(Self.maxDepth) levels of arrays and objects", found: false)
            error.kind = .tooDeep
            throw error
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        for offset in 0..<word.utf8CodeUnitCount {
            guard index < bytes.count, bytes[index] == word.utf8Start[offset] else {
                throw failure("expected `\(word)`")
            }
            index += 1
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        index += 1
        let start = index
        // Most strings have no escapes: take the bytes as they are.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.quote {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            if byte == Byte.backslash { break }
            if byte < 0x20 { throw controlCharacter(byte) }
            index += 1
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case Byte.backslash:
                try parseEscape(into: &buffer)
            case ..<0x20:
                throw controlCharacter(byte)
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw failure("unterminated string: no closing `\"` for the one here", at: open, found: false)
    }

    /// One escape sequence, from its backslash.
    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw failure("expected an escape after `\\`") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case Byte.quote, Byte.backslash, Byte.slash: buffer.append(letter)
        case Byte.b: buffer.append(0x08)
        case Byte.f: buffer.append(0x0C)
        case Byte.n: buffer.append(0x0A)
        case Byte.r: buffer.append(0x0D)
        case Byte.t: buffer.append(0x09)
        case Byte.u:
            let unit = try hexQuad()
            var scalar = Unicode.Scalar(unit)
            if (0xD800...0xDBFF).contains(unit), let low = lowSurrogate() {
                scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
            }
            appendUTF8(scalar ?? "\u{FFFD}", to: &buffer)
        default:
            index -= 1
            throw failure("expected one of `\"\\/bfnrtu` after `\\` in a string")
        }
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = Self.hexValue(bytes[index]) else {
                throw failure("expected 4 hex digits after `\\u`")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// The `\uDC00`–`\uDFFF` right here, consumed; nil (nothing consumed) when there is none.
    private mutating func lowSurrogate() -> UInt16? {
        guard index + 6 <= bytes.count, bytes[index] == Byte.backslash, bytes[index + 1] == Byte.u else { return nil }
        var unit: UInt16 = 0
        for offset in 2..<6 {
            guard let digit = Self.hexValue(bytes[index + offset]) else { return nil }
            unit = unit << 4 | UInt16(digit)
        }
        guard (0xDC00...0xDFFF).contains(unit) else { return nil }
        index += 6
        return unit
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case Byte.zero...Byte.nine: byte - Byte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            buffer.append(UInt8(value))
        case ..<0x800:
            buffer.append(UInt8(0xC0 | value >> 6))
            buffer.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            buffer.append(UInt8(0xE0 | value >> 12))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | value >> 18))
            buffer.append(UInt8(0x80 | value >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private func controlCharacter(_ byte: UInt8) -> JSONParseError {
        let name =
            byte == Byte.newline
            ? "a line break" : byte == Byte.tab ? "a tab" : "control character \(Self.codePoint(UInt32(byte)))"
        return failure("\(name) inside a string must be escaped (for example \\n, \\t, \\u0001)", found: false)
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        let (value, digits, allZero) = try parseNumberValue()
        // Up to 15 significant digits always come back as written (DBL_DIG), unless the value
        // fell out of the normal range; anything else is compared digit for digit.
        if options.exactNumbers, digits > 15 || !(value.isNormal || (value == 0 && allZero)) {
            let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if let problem = YAMLScalar.numberProblem(written: written, value: value) {
                var error = failure(problem, at: start, found: false)
                error.kind = .inexactNumber
                throw error
            }
        }
        return value
    }

    /// The value, how many digits were written, and whether they were all zero (exact up to 19).
    private mutating func parseNumberValue() throws(JSONParseError) -> (Double, Int, Bool) {
        let start = index
        let negative = bytes[index] == Byte.minus
        if negative { index += 1 }
        // Digits of the integer and fraction parts as one integer, while it stays exact.
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw failure("expected a digit after `-`") }
        if bytes[index] == Byte.zero {
            index += 1
            if index < bytes.count, Self.isDigit(bytes[index]) {
                throw failure("a number cannot start with `0` followed by digits", found: false)
            }
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] - Byte.zero) }
                digits += 1
                index += 1
            }
        }
        if peek == Byte.dot {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw failure("expected a digit after `.`") }
            while index < bytes.count, Self.isDigit(bytes[index]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] - Byte.zero) }
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        if peek == Byte.e || peek == Byte.capitalE {
            index += 1
            var exponentNegative = false
            if peek == Byte.plus || peek == Byte.minus {
                exponentNegative = peek == Byte.minus
                index += 1
            }
            guard index < bytes.count, Self.isDigit(bytes[index]) else {
                throw failure("expected a digit in the exponent")
            }
            while index < bytes.count, Self.isDigit(bytes[index]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - Byte.zero) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // Exact mantissa and an exact power of ten: one IEEE multiply or divide rounds correctly.
        let scale = exponent - fractionDigits
        if digits <= 19, mantissa <= 1 << 53, (-22...22).contains(scale) {
            let magnitude =
                scale < 0 ? Double(mantissa) / Self.powersOfTen[-scale] : Double(mantissa) * Self.powersOfTen[scale]
            return (negative ? -magnitude : magnitude, digits, mantissa == 0)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw failure("the number \(text.prefix(40)) is too large for a 64-bit float", at: start, found: false)
        }
        return (value, digits, mantissa == 0)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- Byte.zero < 10 }

    // MARK: Reading and reporting

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.newline, Byte.tab, Byte.carriageReturn: index += 1
            default: return
            }
        }
    }

    /// An error at `offset` (the current byte by default), naming what is there when `found`.
    private func failure(_ expected: String, at offset: Int? = nil, found: Bool = true) -> JSONParseError {
        let offset = offset ?? index
        let (line, column) = position(of: offset)
        let reason = found ? "\(expected), found \(describe(at: offset))" : expected
        return JSONParseError(line: line, column: column, reason: reason, topLevelKey: topLevelKey)
    }

    /// 1-based line and column of a byte offset; columns count scalars, not bytes.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == Byte.newline {
            line += 1
            lineStart = i + 1
        }
        var column = line == 1 ? origin.column : 1
        for i in lineStart..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return (line + origin.line - 1, column)
    }

    /// What is at `offset`, safe for a terminal: printable ASCII quoted, anything else by code point.
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the text" }
        let byte = bytes[offset]
        switch byte {
        case Byte.space: return "a space"
        case Byte.newline, Byte.carriageReturn: return "a line break"
        case Byte.tab: return "a tab"
        case 0x21...0x7E: return byte == UInt8(ascii: "`") ? "a backtick" : "`\(Character(Unicode.Scalar(byte)))`"
        default:
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            return text.unicodeScalars.first.map { Self.codePoint($0.value) } ?? "an invalid byte"
        }
    }

    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// The ASCII bytes the grammar names.
private enum Byte {
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    static let e = UInt8(ascii: "e"), capitalE = UInt8(ascii: "E")
    static let t = UInt8(ascii: "t"), f = UInt8(ascii: "f"), n = UInt8(ascii: "n")
    static let b = UInt8(ascii: "b"), r = UInt8(ascii: "r"), u = UInt8(ascii: "u")
    static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
    static let carriageReturn = UInt8(ascii: "\r")
}
