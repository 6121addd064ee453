/// A cheap bounded look at TOML text before TOMLKit parses it. toml++ caps nested arrays and
/// inline tables (at 256, in its own words) but not dotted keys: `a.a.a…` 50,000 parts deep
/// crashed `patchbay` (toml++ recurses), and 20,000 took a minute and 3 GB. No Patchbay config
/// key has more than a handful of parts, so anything past these limits is refused, located.
///
/// A scanner, not a parser: it follows strings, comments, table headers, arrays and inline
/// tables just far enough to know whether a `.` joins key parts; TOMLKit judges the rest.
enum TOMLBounds {
    /// Parts of one dotted key or table header (`models.judge.timeouts.total` has 4).
    static let maxKeyParts = 64
    /// Arrays and inline tables inside each other.
    static let maxNesting = 64

    struct Violation: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
        var hint: String
    }

    private enum Container { case header, array, inlineTable }

    static func check(_ text: String) throws(Violation) {
        var text = text
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        try text.withUTF8 { bytes in Result { () throws(Violation) in try scan(bytes) } }.get()
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(Violation) {
        var line = 1
        var lineStart = 0
        var stack: [Container] = []
        var keyMode = true
        var parts = 1
        var atLineStart = true
        var i = 0

        func column(_ offset: Int) -> Int {
            // Scalars, not bytes: continuation bytes don't start a column.
            var column = 1
            for j in lineStart..<offset where bytes[j] & 0xC0 != 0x80 { column += 1 }
            return column
        }
        func starts(_ token: StaticString, at offset: Int) -> Bool {
            let count = token.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            for k in 0..<count where bytes[offset + k] != token.utf8Start[k] { return false }
            return true
        }
        func newline(at offset: Int) {
            line += 1
            lineStart = offset + 1
        }

        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\n"):
                newline(at: i)
                if stack.isEmpty {
                    keyMode = true
                    parts = 1
                }
                atLineStart = true
                i += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
                continue
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let multiline = starts(c == UInt8(ascii: "\"") ? "\"\"\"" : "'''", at: i)
                let width = multiline ? 3 : 1
                i += width
                while i < bytes.count {
                    let d = bytes[i]
                    if d == UInt8(ascii: "\\"), c == UInt8(ascii: "\"") {
                        i += 2
                        continue
                    }
                    if d == UInt8(ascii: "\n") {
                        if !multiline { break }
                        newline(at: i)
                    }
                    if d == c, !multiline || starts(c == UInt8(ascii: "\"") ? "\"\"\"" : "'''", at: i) {
                        i += width
                        break
                    }
                    i += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if c == UInt8(ascii: "["), stack.isEmpty, keyMode, atLineStart {
                    stack.append(.header)
                    parts = 1
                    i += starts("[[", at: i) ? 2 : 1
                } else {
                    stack.append(c == UInt8(ascii: "[") ? .array : .inlineTable)
                    if stack.count > maxNesting {
                        throw Violation(
                            line: line, column: column(i),
                            message: "arrays and inline tables nest more than \(maxNesting) deep here",
                            hint: "no Patchbay setting holds more than a list of tables; see docs/config.md")
                    }
                    keyMode = c == UInt8(ascii: "{")
                    parts = 1
                    i += 1
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                let top = stack.popLast()
                i += top == .header && starts("]]", at: i) ? 2 : 1
                // After a header only a comment may follow; after a value, a `,` or the line's end.
                keyMode = false
            case UInt8(ascii: ","):
                if stack.last == .inlineTable {
                    keyMode = true
                    parts = 1
                }
                i += 1
            case UInt8(ascii: "="):
                if keyMode, stack.last != .header { keyMode = false }
                i += 1
            case UInt8(ascii: "."):
                if keyMode {
                    parts += 1
                    if parts > maxKeyParts {
                        throw Violation(
                            line: line, column: column(i),
                            message: "a dotted key or table name has more than \(maxKeyParts) parts",
                            hint:
                                "Patchbay's keys have at most 4 parts (`models.NAME.timeouts.total`); see docs/config.md"
                        )
                    }
                }
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
    }
}
