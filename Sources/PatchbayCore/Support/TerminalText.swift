/// Makes untrusted text (model output, file contents) safe to show in a terminal: control
/// characters and escape sequences become visible escapes (`\x1b`) instead of acting.
public enum TerminalText {
    /// Keeps newlines (and tabs, unless `tabs` is false); escapes every other C0/C1 control and DEL.
    public static func escape(_ text: String, keepNewlines: Bool = true, tabs: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepNewlines || scalar == "\t" && tabs || !isControl(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value <= 0xFF {
                out += "\\x" + hex(scalar.value)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4)], digits[Int(v & 0xF)]])
    }
}
