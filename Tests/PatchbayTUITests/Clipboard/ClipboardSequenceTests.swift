import Foundation
import Testing

@testable import PatchbayTUI

/// The OSC 52 sequence `y` writes: plain, and wrapped for tmux's passthrough.
@Suite struct ClipboardSequenceTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func plainSequenceIsOSC52WithBase64() {
        #expect(ClipboardSequence.bytes("hi", insideTmux: false) == Self.bytes("\u{1B}]52;c;aGk=\u{07}"))
        #expect(ClipboardSequence.osc52("") == Self.bytes("\u{1B}]52;c;\u{07}"))
    }

    @Test func insideTmuxThePlainSequenceIsFollowedByThePassthrough() {
        let plain = "\u{1B}]52;c;aGk=\u{07}"
        let wrapped = "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\"
        #expect(ClipboardSequence.bytes("hi", insideTmux: true) == Self.bytes(plain + wrapped))
        #expect(
            ClipboardSequence.passthrough(Self.bytes("a\u{1B}b")) == Self.bytes("\u{1B}Ptmux;a\u{1B}\u{1B}b\u{1B}\\"))
    }

    /// Model output may hold escape sequences of its own: inside base64 they are inert.
    @Test func untrustedTextNeverReachesTheTerminalRaw() throws {
        let hostile = "ok\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}31m\u{1B}P\u{1B}\\é"
        let sequence = ClipboardSequence.bytes(hostile, insideTmux: false)
        #expect(sequence.filter { $0 == 0x1B }.count == 1, "only the sequence's own ESC")
        #expect(sequence.filter { $0 == 0x07 }.count == 1, "only the sequence's own BEL")
        let payload = String(decoding: sequence.dropFirst(7).dropLast(), as: UTF8.self)
        #expect(payload.allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) })
        let decoded = try #require(Data(base64Encoded: payload))
        #expect(String(decoding: decoded, as: UTF8.self) == hostile)
    }

    @Test func largeTextIsCutAtACharacterBoundary() {
        let small = ClipboardSequence.capped("short")
        #expect(small.text == "short" && !small.cut)
        let exact = String(repeating: "a", count: ClipboardSequence.limit)
        #expect(!ClipboardSequence.capped(exact).cut)
        // Three bytes a character: 100,000 is not a boundary, 99,999 is.
        let euros = String(repeating: "€", count: 40_000)
        let cut = ClipboardSequence.capped(euros)
        #expect(cut.cut)
        #expect(cut.text.utf8.count == 99_999)
        #expect(cut.text == String(repeating: "€", count: 33_333))
    }
}
