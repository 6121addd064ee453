/// Hex text in one place: escapes in output (`\x1b`, `\u202e`, YAML's `\u00E9`) and digests.
enum Hex {
    /// `value` in at least `digits` hex digits, zero-padded.
    static func padded(_ value: UInt32, digits: Int, uppercase: Bool = false) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lower-case digits per byte: a SHA-256 digest as 64 characters.
    static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
