/// The line on which each table header and key of a TOML text first appears. TOMLKit's parsed
/// values carry no source positions, so errors about a valid-but-wrong key find their line here.
///
/// A line scanner, not a parser: it runs only on text TOMLKit has already accepted, and keys
/// inside inline tables resolve to the line of the table's own key.
struct TOMLLineIndex: Sendable {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var inMultilineString: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = Array(rawLine)
            if let delimiter = inMultilineString {
                if Self.count(delimiter, in: line) % 2 == 1 { inMultilineString = nil }
                continue
            }
            var index = Self.skipSpaces(line, from: 0)
            guard index < line.count, line[index] != "#" else { continue }
            if line[index] == "[" {
                let isArrayTable = index + 1 < line.count && line[index + 1] == "["
                index += isArrayTable ? 2 : 1
                if let (keys, _) = Self.parseKey(line, from: index) {
                    table = keys
                    record(keys, number)
                }
                continue
            }
            guard let (keys, end) = Self.parseKey(line, from: index) else { continue }
            let afterKey = Self.skipSpaces(line, from: end)
            guard afterKey < line.count, line[afterKey] == "=" else { continue }
            record(table + keys, number)
            for delimiter in ["\"\"\"", "'''"] where Self.count(delimiter, in: Array(line[afterKey...])) % 2 == 1 {
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

    private static func skipSpaces(_ line: [Character], from start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == " " || line[index] == "\t" || line[index] == "\r" { index += 1 }
        return index
    }

    private static func count(_ delimiter: String, in line: [Character]) -> Int {
        String(line).components(separatedBy: delimiter).count - 1
    }

    /// A dotted key (`a."b.c".'d'`) starting at `start`, and the index after it.
    private static func parseKey(_ line: [Character], from start: Int) -> ([String], Int)? {
        var keys: [String] = []
        var index = skipSpaces(line, from: start)
        while true {
            guard index < line.count else { return nil }
            var part = ""
            switch line[index] {
            case "\"":
                index += 1
                while index < line.count, line[index] != "\"" {
                    if line[index] == "\\", index + 1 < line.count { index += 1 }
                    part.append(line[index])
                    index += 1
                }
                guard index < line.count else { return nil }
                index += 1
            case "'":
                index += 1
                while index < line.count, line[index] != "'" {
                    part.append(line[index])
                    index += 1
                }
                guard index < line.count else { return nil }
                index += 1
            default:
                while index < line.count, line[index].isASCII, line[index].isLetter || line[index].isNumber || line[index] == "_" || line[index] == "-" {
                    part.append(line[index])
                    index += 1
                }
                guard !part.isEmpty else { return nil }
            }
            keys.append(part)
            index = skipSpaces(line, from: index)
            guard index < line.count, line[index] == "." else { return (keys, index) }
            index += 1
            index = skipSpaces(line, from: index)
        }
    }
}
