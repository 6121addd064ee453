import Foundation

/// The OSC 52 escape sequence that asks the terminal to put text on the system clipboard
/// (`ESC ] 52 ; c ; BASE64 BEL`). It travels in-band, so copying works over SSH and inside tmux.
/// The text is base64 inside the sequence, so model output, whatever it holds, cannot escape
/// it and reach the terminal raw.
///
/// Inside tmux (`$TMUX` set) the plain sequence goes first, which tmux takes into a paste
/// buffer and passes on to the outer terminal with `set -g set-clipboard on` (tmux 3.3 ignores
/// it with the default, `external`); then the same sequence wrapped in tmux's DCS passthrough
/// (`ESC P tmux; …ESC \`, every ESC inside doubled), which reaches the outer terminal directly
/// with `set -g allow-passthrough on`. Either setting is enough.
public enum ClipboardSequence {
    /// The most text one copy sends: terminals cap OSC 52 payloads (xterm, tmux: about 100 kB).
    public static let limit = 100_000

    /// The bytes to write for `text`: the plain sequence, or for tmux both forms.
    public static func bytes(_ text: String, insideTmux: Bool) -> [UInt8] {
        let plain = osc52(text)
        guard insideTmux else { return plain }
        return plain + passthrough(plain)
    }

    /// `ESC ] 52 ; c ; BASE64 BEL`: `c` is the clipboard selection.
    public static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }

    /// `sequence` for tmux to pass through to the terminal outside it: `ESC P tmux;`, the
    /// sequence with each ESC doubled, `ESC \`.
    public static func passthrough(_ sequence: [UInt8]) -> [UInt8] {
        var out = Array("\u{1B}Ptmux;".utf8)
        for byte in sequence {
            if byte == 0x1B { out.append(0x1B) }
            out.append(byte)
        }
        return out + [0x1B, 0x5C]
    }

    /// `text` cut to at most `limit` UTF-8 bytes, at a character boundary; `cut` says whether
    /// anything was left out.
    public static func capped(_ text: String, limit: Int = limit) -> (text: String, cut: Bool) {
        guard text.utf8.count > limit else { return (text, false) }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        // Back to the start of a character, so no half of one is copied.
        while String.Index(end, within: text) == nil { end = text.utf8.index(before: end) }
        return (String(text[..<end]), true)
    }
}
