import Foundation
import Yams

/// How scalars are read (YAML 1.2 core schema) and written (canonical quoting).
///
/// Reading uses YAML 1.2 rules, so `yes`, `no`, `on` and `off` are text, not booleans. Writing
/// quotes anything a YAML 1.1 or 1.2 reader could take for something other than text, so other
/// tools read the file the same way.
enum YAMLScalar {
    // MARK: Reading

    /// The JSON value of a scalar from the tree: quoted and block scalars are strings; plain ones
    /// are resolved; an explicit standard tag (`!!str 1`) wins.
    static func value(of scalar: Yams.Node.Scalar) -> JSONValue {
        let tag = scalar.tag.rawValue
        switch tag {
        case "", "?":
            return scalar.style == .plain || scalar.style == .any
                ? resolve(plain: scalar.string) : .string(scalar.string)
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return bool(scalar.string).map(JSONValue.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
            return (integer(scalar.string) ?? float(scalar.string)).map(JSONValue.number) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    /// Why a number as written can't be kept: too big for a 64-bit float, or more digits than one
    /// holds. `fmt` would otherwise write `null` for `1e999` and `1e+22` for
    /// `9999999999999999999999`, changing the file's meaning without a word.
    static func numberProblem(_ scalar: Yams.Node.Scalar) -> String? {
        guard case .number(let n) = value(of: scalar) else { return nil }
        let written = scalar.string.hasPrefix("+") ? String(scalar.string.dropFirst()) : scalar.string
        guard n.isFinite else { return "the number `\(written)` is too large for a 64-bit float" }
        if written.hasPrefix("0x") || written.hasPrefix("0o") {
            // Read exactly as an Int; only its conversion to a float can lose digits.
            return n.magnitude <= 9_007_199_254_740_992
                ? nil
                : "the number `\(written)` has more digits than a 64-bit float keeps: it would be read as \(JSONValue.format(n))"
        }
        return numberProblem(written: written, value: n)
    }

    /// The same rule for a decimal number written in any text (JSON, a CSV cell, `--input`),
    /// given the value it was read as.
    static func numberProblem(written: String, value n: Double) -> String? {
        let written = written.hasPrefix("+") ? String(written.dropFirst()) : written
        guard n.isFinite else { return "the number `\(written)` is too large for a 64-bit float" }
        guard let exact = Decimal(string: written, locale: Locale(identifier: "en_US_POSIX")),
            let kept = Decimal(string: JSONValue.format(n), locale: Locale(identifier: "en_US_POSIX")), exact != kept
        else { return nil }
        return
            "the number `\(written)` has more digits than a 64-bit float keeps: it would be read as \(JSONValue.format(n))"
    }

    /// YAML 1.2 core schema resolution of a plain scalar.
    static func resolve(plain s: String) -> JSONValue {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = bool(s) { return .bool(b) }
        if let first = s.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= 48 && first <= 57)
        {
            if let n = integer(s) ?? float(s) { return .number(n) }
        }
        return .string(s)
    }

    private static func bool(_ s: String) -> Bool? {
        switch s {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
    private static func integer(_ s: String) -> Double? {
        if s.hasPrefix("0x"), let n = Int(s.dropFirst(2), radix: 16) { return Double(n) }
        if s.hasPrefix("0o"), let n = Int(s.dropFirst(2), radix: 8) { return Double(n) }
        var digits = Substring(s)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Double(s.hasPrefix("+") ? String(s.dropFirst()) : s)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (no `.inf`/`.nan`: JSON has neither).
    private static func float(_ s: String) -> Double? {
        var rest = Substring(s)
        var sign = ""
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = "-" }
            rest = rest.dropFirst()
        }
        let whole = rest.prefix(while: \.isASCIIDigit)
        rest = rest.dropFirst(whole.count)
        var fraction = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            var expSign = ""
            if rest.first == "-" || rest.first == "+" {
                expSign = String(rest.first!)
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            exponent = "e\(expSign)\(digits)"
        }
        guard rest.isEmpty else { return nil }
        return Double("\(sign)\(whole.isEmpty ? "0" : whole).\(fraction.isEmpty ? "0" : fraction)\(exponent)")
    }

    // MARK: Writing

    /// A one-line scalar: plain when that reads back as the same string, else single-quoted, else
    /// double-quoted with escapes. `flow` is for use inside `{ }` and `[ ]`.
    static func render(_ s: String, flow: Bool) -> String {
        if isPlainSafe(s, flow: flow) { return s }
        if !s.contains("'"), s.unicodeScalars.allSatisfy({ isPrintable($0) && $0 != "\t" && $0 != "\u{FEFF}" }) {
            return "'\(s)'"
        }
        return doubleQuoted(s)
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F):
                out += "\\x" + Hex.padded(scalar.value, digits: 2, uppercase: true)
            case _ where !isPrintable(scalar) || scalar == "\u{FEFF}":
                out +=
                    scalar.value > 0xFFFF
                    ? "\\U" + Hex.padded(scalar.value, digits: 8, uppercase: true)
                    : "\\u" + Hex.padded(scalar.value, digits: 4, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// YAML's printable set (c-printable) minus the line breaks YAML 1.1 knows.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D: return c == "\t"
        case 0x20...0x7E: return true
        case 0x85, 0x2028, 0x2029: return false
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func isPlainSafe(_ s: String, flow: Bool) -> Bool {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        switch first {
        case "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " ":
            return false
        case "-":
            let second = scalars.dropFirst().first
            if second == nil || second == " " || s.hasPrefix("---") { return false }
        case ".":
            if s.hasPrefix("...") { return false }
        default: break
        }
        if last == " " || last == ":" { return false }
        // One pass: printable, no tab or BOM, no `: ` or ` #`, no flow indicators inside `{ }`.
        var previous: Unicode.Scalar = "x"
        for c in scalars {
            if c.value < 0x80 {
                switch c {
                case "\t", "\n", "\r": return false
                case " " where previous == ":": return false
                case "#" where previous == " ": return false
                case ",", "[", "]", "{", "}", ":": if flow { return false }
                default: if c.value < 0x20 || c.value == 0x7F { return false }
                }
            } else if !isPrintable(c) || c == "\u{FEFF}" {
                return false
            }
            previous = c
        }
        return !mayReadAsNonString(s)
    }

    /// Conservative: true for anything a YAML 1.1 or 1.2 reader might resolve to null, a boolean,
    /// a number or a date (so `'3 apples'` is quoted too; quoting never hurts).
    static func mayReadAsNonString(_ s: String) -> Bool {
        if s.utf8.count <= 5 {
            switch s {
            case "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
                "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
                "y", "Y", "n", "N", "<<", "=":
                return true
            default:
                break
            }
        }
        let scalars = Array(s.unicodeScalars.prefix(6))
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }
        if isDigit(scalars.first) { return true }
        var i = 0
        if scalars.first == "-" || scalars.first == "+" { i = 1 }
        if i < scalars.count, scalars[i] == "." {
            if isDigit(scalars.count > i + 1 ? scalars[i + 1] : nil) { return true }
            let word = String(String.UnicodeScalarView(scalars[(i + 1)...])).lowercased()
            if word.hasPrefix("inf") || word.hasPrefix("nan") { return true }
        } else if i == 1, isDigit(scalars.count > 1 ? scalars[1] : nil) {
            return true
        }
        return false
    }

    // MARK: Block scalars

    /// The literal block header (`|`, `|-` or `|+`) that reads back as exactly `s`, or nil when a
    /// block scalar cannot hold it (no line break, trailing spaces on a line, leading spaces on
    /// the first line, control characters, only line breaks).
    static func literalHeader(_ s: String) -> String? {
        guard s.contains("\n") else { return nil }
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        guard let firstText = lines.first(where: { !$0.isEmpty }) else { return nil }
        if firstText.first == " " || firstText.first == "\t" { return nil }
        for line in lines {
            if line.last == " " || line.last == "\t" { return nil }
            if !line.unicodeScalars.allSatisfy({ isPrintable($0) && $0 != "\u{FEFF}" }) { return nil }
        }
        if !s.hasSuffix("\n") { return "|-" }
        return s.hasSuffix("\n\n") ? "|+" : "|"
    }

    /// The lines of a literal block scalar's body (without the trailing breaks its header keeps).
    static func literalLines(_ s: String) -> [Substring] {
        var body = Substring(s)
        if body.hasSuffix("\n") { body = body.dropLast() }
        return body.split(separator: "\n", omittingEmptySubsequences: false)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
