import Foundation

/// Finds and parses the JSON value in a model's output, for the `parse-json` kind.
///
/// Models wrap JSON in prose and code fences, and sometimes leave a trailing comma. In order,
/// this tries: the whole text; the contents of ```` ``` ```` fences (`json`-labelled ones
/// first); then the first balanced `{…}` or `[…]` in the text that parses. Trailing commas
/// before `}`/`]` are forgiven; anything else must be valid JSON.
public enum JSONExtraction {
    public static func extract(from text: String) throws(JSONExtractionError) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw JSONExtractionError("no JSON found: the text is empty")
        }
        if let value = parse(trimmed) { return value }

        var firstFailure: (line: Int, reason: String)?
        for block in fencedBlocks(in: text) {
            let content = block.trimmingCharacters(in: .whitespacesAndNewlines)
            if let value = parse(content) { return value }
            switch scanBalanced(Array(content.utf8)) {
            case .found(let value): return value
            case .invalid, .unterminated, .none: continue
            }
        }
        let bytes = Array(text.utf8)
        switch scanBalanced(bytes) {
        case .found(let value): return value
        case .invalid(let offset, let reason): firstFailure = (line(of: offset, in: bytes), reason)
        case .unterminated(let offset):
            throw JSONExtractionError(
                "no complete JSON found: a JSON value starts on line \(line(of: offset, in: bytes)) but never ends "
                    + "(the output may have been cut off; raise max tokens?); the text starts with: \(preview(trimmed))"
            )
        case .none: break
        }
        if let firstFailure {
            throw JSONExtractionError(
                "no valid JSON found: what looks like JSON on line \(firstFailure.line) does not parse (\(firstFailure.reason)); "
                    + "the text starts with: \(preview(trimmed))")
        }
        throw JSONExtractionError("no JSON object or array found; the text starts with: \(preview(trimmed))")
    }

    /// Parses JSON text, also after removing trailing commas.
    static func parse(_ text: String) -> JSONValue? {
        if let value = try? JSONValue(parsing: text, options: .lenient) { return value }
        let repaired = removingTrailingCommas(text)
        guard repaired != text else { return nil }
        return try? JSONValue(parsing: repaired, options: .lenient)
    }

    static func parseError(_ text: String) -> String {
        do {
            _ = try JSONValue(parsing: removingTrailingCommas(text), options: .lenient)
            return "invalid JSON"
        } catch {
            return "\(error)"
        }
    }

    /// Contents of ``` fences, `json`-labelled first; an unclosed last fence runs to the end.
    static func fencedBlocks(in text: String) -> [String] {
        let pattern = #"```[ \t]*([A-Za-z0-9_+.-]*)[^\n]*\n(.*?)(?:```|\z)"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
            return []
        }
        let ns = text as NSString
        var labelled: [String] = []
        var others: [String] = []
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let label = ns.substring(with: match.range(at: 1)).lowercased()
            let body = ns.substring(with: match.range(at: 2))
            if label.hasPrefix("json") { labelled.append(body) } else { others.append(body) }
        }
        return labelled + others
    }

    enum ScanResult {
        case found(JSONValue)
        case invalid(offset: Int, reason: String)
        case unterminated(offset: Int)
    }

    /// The first balanced `{…}`/`[…]` that parses. Reports the first balanced candidate that
    /// did not parse, or an opener that never closed, when nothing parses.
    static func scanBalanced(_ bytes: [UInt8]) -> ScanResult? {
        var firstInvalid: ScanResult?
        var firstUnterminated: ScanResult?
        var start = 0
        var tried = 0
        while start < bytes.count, tried < 256 {
            guard let open = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") })
            else { break }
            tried += 1
            guard let end = matchingClose(bytes, from: open) else {
                if firstUnterminated == nil { firstUnterminated = .unterminated(offset: open) }
                start = open + 1
                continue
            }
            let candidate = String(decoding: bytes[open...end], as: UTF8.self)
            if let value = parse(candidate) { return .found(value) }
            if firstInvalid == nil { firstInvalid = .invalid(offset: open, reason: parseError(candidate)) }
            start = open + 1
        }
        return firstInvalid ?? firstUnterminated
    }

    /// Index of the bracket closing the one at `open`, skipping strings; nil if it never closes.
    static func matchingClose(_ bytes: [UInt8], from open: Int) -> Int? {
        var stack: [UInt8] = []
        var inString = false
        var escaped = false
        var index = open
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"): stack.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): stack.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.last == byte else { return nil }  // mismatched: not JSON from here
                    stack.removeLast()
                    if stack.isEmpty { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }

    /// Drops commas that directly precede `}` or `]` (outside strings).
    static func removingTrailingCommas(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                out.append(byte)
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true }
            if byte == UInt8(ascii: ","),
                let next = bytes[(index + 1)...].first(where: { !isSpace($0) }),
                next == UInt8(ascii: "}") || next == UInt8(ascii: "]")
            {
                continue
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The first line (at most 80 characters) of the text, quoted, for error messages.
    static func preview(_ text: String) -> String {
        let firstLine = text.prefix { $0 != "\n" }
        let cut = firstLine.count > 80 || firstLine.count < text.count
        return "\"" + firstLine.prefix(80) + (cut ? "…" : "") + "\""
    }
}

/// No JSON value could be found in a text; the message shows how the text starts.
public struct JSONExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
