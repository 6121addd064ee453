#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Terminal column widths of characters, by the C library's `wcwidth` — the same table the
/// terminal and ncurses use, so what the workbench's buffer and the CLI's tables lay out is what
/// the screen shows.
public enum DisplayWidth {
    /// `wcwidth` answers -1 for everything beyond ASCII in the "C" locale; a UTF-8 character
    /// type is needed. Chosen once, before the first measurement.
    private static let ready: Bool = {
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if current.hasPrefix("C") || current.hasPrefix("P") { setlocale(LC_CTYPE, "C.UTF-8") }
        return true
    }()

    /// Columns a grapheme takes: 0, 1 or 2. Combining marks add nothing; an emoji presentation
    /// selector makes a narrow base wide.
    public static func of(_ character: Character) -> Int {
        _ = ready
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F {
                width = max(width, 2)
                continue
            }
            let w = Int(cWCWidth(Int32(bitPattern: scalar.value)))
            if width == 0 && w > 0 { width = w }
        }
        return min(width, 2)
    }

    /// Columns a string takes, each grapheme measured as `of` does.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix of `text` that fits in `columns`, and its width.
    public static func prefix(_ text: String, fitting columns: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > columns { break }
            used += w
            end = text.index(after: index)
        }
        return (text[..<end], used)
    }
}

/// The C library's `wcwidth` (POSIX; Glibc's Swift module leaves it out as an X/Open function).
/// `wchar_t` is a 32-bit integer on Linux and macOS.
@_silgen_name("wcwidth")
private func cWCWidth(_ character: Int32) -> Int32
