import Foundation

/// Canonical JSON text: sorted keys, integers without a fraction, no insignificant spaces.
/// Hashes, cache keys and byte-stable output all rest on this.
extension JSONValue {
    public var compactJSON: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    public var prettyJSON: String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.format(n)
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "]"
        case .object(let dict):
            if dict.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, key) in dict.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                Self.writeQuoted(key, to: &out)
                out += indent == nil ? ":" : ": "
                dict[key]!.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    static func format(_ n: Double) -> String {
        if n.isNaN || n.isInfinite { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // C1 controls too: raw, they act as escape sequences in some terminals.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// Parses JSON text (any top-level value), strictly as RFC 8259 says; see `JSONParser`.
    /// Duplicate keys are errors unless `options` is `.lenient` (for what programs and models
    /// send). Throws `JSONParseError`, which names the line and column.
    public init(parsing text: String, options: JSONParseOptions = .strict) throws {
        var text = text
        self = try text.withUTF8 { bytes throws(JSONParseError) in try JSONParser.parse(bytes, options: options) }
    }

    /// Parses UTF-8 bytes already checked to be UTF-8 (one line of a JSONL file, without a copy)
    /// that start at `line` and `column` of their file: errors give the file's positions.
    public init(
        parsingUTF8 bytes: UnsafeBufferPointer<UInt8>, options: JSONParseOptions = .strict, line: Int = 1,
        column: Int = 1
    ) throws(JSONParseError) {
        self = try JSONParser.parse(bytes, options: options, origin: (line, column))
    }

    /// Why a number written as `written` and read as `value` can't be kept by a 64-bit float
    /// (too large, or more digits than it holds), or nil. The rule graph files follow.
    public static func numberProblem(written: String, value: Double) -> String? {
        YAMLScalar.numberProblem(written: written, value: value)
    }
}

extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): if let i = intValue { try c.encode(i) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
