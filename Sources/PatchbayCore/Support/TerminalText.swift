/// Makes untrusted text (model output, file contents, ids, file names) safe to show in a
/// terminal. Two kinds of scalar never reach it raw:
/// - controls (C0, DEL, C1): a terminal acts on them (`ESC[2J` clears the screen, an OSC sets
///   the title, BEL rings); they become `\x1b`, or `\n`, `\t`, `\r` by name;
/// - invisible and bidi characters (zero-width spaces and joiners, bidi embeddings, overrides
///   and isolates, U+2028/2029, U+FEFF, the soft hyphen and the other default-ignorables): they
///   make two different texts look the same, or text read in another order than it runs; they
///   become `\u{200B}`.
/// Joiners, variation selectors and tags inside an emoji sequence are part of the picture and
/// stay. The same rules serve the CLI (at its output sink), diagnostics and the workbench.
public enum TerminalText {
    /// Keeps newlines (and tabs, unless `tabs` is false); escapes every other control and every
    /// invisible or bidi character.
    public static func escape(_ text: String, keepNewlines: Bool = true, tabs: Bool = true) -> String {
        guard !isPlain(text, keepNewlines: keepNewlines, tabs: tabs) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for i in scalars.indices {
            let scalar = scalars[i]
            if mustEscape(scalars, i, keepNewlines: keepNewlines, tabs: tabs) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when `escape` would return `text` unchanged: the cheap check callers use to skip work.
    public static func isPlain<S: StringProtocol>(_ text: S, keepNewlines: Bool = true, tabs: Bool = true) -> Bool {
        var suspect = false
        for scalar in text.unicodeScalars where isSuspect(scalar) {
            if scalar == "\n" && keepNewlines || scalar == "\t" && tabs { continue }
            suspect = true
            break
        }
        guard suspect else { return true }
        let scalars = Array(text.unicodeScalars)
        return !scalars.indices.contains { mustEscape(scalars, $0, keepNewlines: keepNewlines, tabs: tabs) }
    }

    /// A JSON document made safe to print with its meaning kept: every control or invisible
    /// character becomes a JSON `\uXXXX` escape (a surrogate pair above U+FFFF). Such characters
    /// can only stand inside strings in valid JSON, where the escape means the same character.
    /// Newlines and tabs stay (they are the layout of pretty JSON).
    public static func escapeJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { isSuspect($0) && $0 != "\n" && $0 != "\t" }) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !isSuspect(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value > 0xFFFF {
                let v = scalar.value - 0x10000
                out +=
                    "\\u" + Hex.padded(0xD800 + (v >> 10), digits: 4) + "\\u"
                    + Hex.padded(0xDC00 + (v & 0x3FF), digits: 4)
            } else {
                out += "\\u" + Hex.padded(scalar.value, digits: 4)
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls: what a terminal may act on.
    @inline(__always)
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Characters that draw nothing or reorder what follows: bidi controls (U+061C, U+200E/F,
    /// U+202A–202E, U+2066–2069), U+2028/2029 and the Default_Ignorable_Code_Point set
    /// (zero-width space, joiners, word joiner, BOM, soft hyphen, variation selectors, tags,
    /// Hangul fillers…), plus the interlinear annotation marks U+FFF9–FFFB.
    public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F,
            0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF,
            0xFFA0, 0xFFF0...0xFFFB, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// How one escaped scalar is written: `\n`, `\t`, `\r` by name, other controls up to
    /// U+00FF as `\xNN`, the rest as `\u{NNNN}`.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default:
            return scalar.value <= 0xFF
                ? "\\x" + Hex.padded(scalar.value, digits: 2)
                : "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    @inline(__always)
    static func isSuspect(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.value >= 0xAD && isInvisible(s)
    }

    /// Whether the scalar at `i` is escaped, given its neighbours (for emoji sequences).
    static func mustEscape(_ scalars: [Unicode.Scalar], _ i: Int, keepNewlines: Bool, tabs: Bool) -> Bool {
        let s = scalars[i]
        if s == "\n" { return !keepNewlines }
        if s == "\t" { return !tabs }
        if isControl(s) { return true }
        guard isInvisible(s) else { return false }
        let before = i > 0 ? scalars[i - 1] : nil
        let after = i + 1 < scalars.count ? scalars[i + 1] : nil
        switch s.value {
        case 0x200D:
            // A zero-width joiner between two pictographs (👨‍👩‍👧, ❤️‍🔥): part of one emoji.
            guard let after, isPictograph(after), i > 0 else { return true }
            var j = i - 1
            while j > 0, isEmojiModifier(scalars[j]) { j -= 1 }
            return !isPictograph(scalars[j])
        case 0xFE0E, 0xFE0F:
            // Text or emoji presentation of the character before (☺️), or a keycap (1️⃣).
            guard let before else { return true }
            return !(isPictograph(before) || after == "\u{20E3}" && before.properties.isEmoji)
        case 0xE0020...0xE007F:
            // Tag sequences spell subdivision flags after a black flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
            var j = i - 1
            while j >= 0, (0xE0020...0xE007E).contains(scalars[j].value) { j -= 1 }
            return !(j >= 0 && scalars[j].value == 0x1F3F4 && (s.value != 0xE007F || j < i - 1))
        default:
            return true
        }
    }

    /// An emoji that draws as a picture: not the digits, `#` and `*` that are emoji only as keycaps.
    private static func isPictograph(_ s: Unicode.Scalar) -> Bool {
        s.value > 0x7F && s.properties.isEmoji
    }

    /// Skin tones and presentation selectors that may sit between a pictograph and a joiner.
    private static func isEmojiModifier(_ s: Unicode.Scalar) -> Bool {
        s.value == 0xFE0F || s.value == 0xFE0E || (0x1F3FB...0x1F3FF).contains(s.value)
    }
}
