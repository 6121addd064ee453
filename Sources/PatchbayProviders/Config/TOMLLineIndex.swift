import PatchbayCore

/// The line on which each table header and key of a TOML text first appears. TOMLKit's parsed
/// values carry no source positions, so errors about a valid-but-wrong key find their line here.
///
/// A line scanner, not a parser: it runs only on text TOMLKit has already accepted, and keys
/// inside inline tables resolve to the line of the table's own key.
struct TOMLLineIndex: Sendable {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var text = text
        text.withUTF8 { bytes in index(bytes) }
    }

    /// Works on the UTF-8 bytes of each line, so a 50 MB value costs one pass and no copy.
    private mutating func index(_ bytes: UnsafeBufferPointer<UInt8>) {
        var table: [String] = []
        var inMultilineString: StaticString?
        bytes.forEachLine { line, number in
            if let delimiter = inMultilineString {
                if Self.count(delimiter, in: line, from: 0) % 2 == 1 { inMultilineString = nil }
                return
            }
            var index = Self.skipSpaces(line, from: 0)
            guard index < line.count, line[index] != UInt8(ascii: "#") else { return }
            if line[index] == UInt8(ascii: "[") {
                let isArrayTable = index + 1 < line.count && line[index + 1] == UInt8(ascii: "[")
                index += isArrayTable ? 2 : 1
                if let (keys, _) = Self.parseKey(line, from: index) {
                    table = keys
                    record(keys, number)
                }
                return
            }
            guard let (keys, end) = Self.parseKey(line, from: index) else { return }
            let afterKey = Self.skipSpaces(line, from: end)
            guard afterKey < line.count, line[afterKey] == UInt8(ascii: "=") else { return }
            record(table + keys, number)
            for delimiter: StaticString in ["\"\"\"", "'''"]
            where Self.count(delimiter, in: line, from: afterKey) % 2 == 1 {
                inMultilineString = delimiter
            }
        }
    }

    /// The line of `path`, else of its nearest recorded ancestor (an inline table's key, or the
    /// table header).
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        // Dotted keys and sub-tables imply their parents: `[models.judge]` also places `models`.
        guard !path.isEmpty else { return }
        for length in 1...path.count {
            let prefix = Array(path.prefix(length))
            if lines[prefix] == nil { lines[prefix] = line }
        }
    }

    private static func skipSpaces(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < line.count,
            line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") || line[index] == UInt8(ascii: "\r")
        { index += 1 }
        return index
    }

    /// Non-overlapping occurrences of `delimiter` in `line` from `start`.
    private static func count(_ delimiter: StaticString, in line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let width = delimiter.utf8CodeUnitCount
        var found = 0
        var index = start
        while index + width <= line.count {
            var match = true
            for k in 0..<width where line[index + k] != delimiter.utf8Start[k] {
                match = false
                break
            }
            if match {
                found += 1
                index += width
            } else {
                index += 1
            }
        }
        return found
    }

    /// A dotted key (`a."b.c".'d'`) starting at `start`, and the index after it.
    private static func parseKey(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> ([String], Int)? {
        var keys: [String] = []
        var index = skipSpaces(line, from: start)
        while true {
            guard index < line.count else { return nil }
            var part: [UInt8] = []
            switch line[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < line.count, line[index] != UInt8(ascii: "\"") {
                    if line[index] == UInt8(ascii: "\\"), index + 1 < line.count { index += 1 }
                    part.append(line[index])
                    index += 1
                }
                guard index < line.count else { return nil }
                index += 1
            case UInt8(ascii: "'"):
                index += 1
                while index < line.count, line[index] != UInt8(ascii: "'") {
                    part.append(line[index])
                    index += 1
                }
                guard index < line.count else { return nil }
                index += 1
            default:
                while index < line.count, Self.isBareKeyByte(line[index]) {
                    part.append(line[index])
                    index += 1
                }
                guard !part.isEmpty else { return nil }
            }
            keys.append(String(decoding: part, as: UTF8.self))
            index = skipSpaces(line, from: index)
            guard index < line.count, line[index] == UInt8(ascii: ".") else { return (keys, index) }
            index += 1
            index = skipSpaces(line, from: index)
        }
    }

    /// `A-Za-z0-9_-`, TOML's bare key characters.
    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
