import Foundation
import Testing

@testable import PatchbayCore

/// The one escaping rule: controls and invisible or bidi characters never reach a terminal raw,
/// JSON keeps its meaning, and emoji sequences are left whole.
@Suite struct TerminalTextTests {
    /// Scalars a terminal acts on or a reader cannot see.
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { s in
            switch s.value {
            case 0x0A, 0x09: return false
            case 0...0x1F, 0x7F...0x9F, 0xAD, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029,
                0xFEFF,
                0xE0000...0xE0FFF:
                return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    @Test("controls, OSC, bidi overrides and zero-width characters become visible escapes")
    func hostilePieces() {
        let cases: [(String, String)] = [
            ("red \u{1B}[31mtext", "red \\x1b[31mtext"),
            ("\u{1B}]0;pwned\u{07}", "\\x1b]0;pwned\\x07"),
            ("\u{1B}[2J", "\\x1b[2J"),
            ("nul\u{0}del\u{7F}csi\u{9B}", "nul\\x00del\\x7fcsi\\x9b"),
            ("cr\rover", "cr\\rover"),
            ("a\u{200B}b", "a\\u{200B}b"),
            ("abc\u{202E}fed", "abc\\u{202E}fed"),
            ("\u{2066}iso\u{2069}", "\\u{2066}iso\\u{2069}"),
            ("line\u{2028}sep\u{2029}", "line\\u{2028}sep\\u{2029}"),
            ("\u{FEFF}bom", "\\u{FEFF}bom"),
            ("soft\u{AD}hyphen", "soft\\xadhyphen"),
            ("alm\u{61C}", "alm\\u{61C}"),
            ("tag\u{E0041}", "tag\\u{E0041}"),
            ("zwj\u{200D}nj\u{200C}", "zwj\\u{200D}nj\\u{200C}"),
            ("vs\u{FE0F}", "vs\\u{FE0F}"),
        ]
        for (input, expected) in cases {
            let out = TerminalText.escape(input)
            #expect(out == expected, "\(input.debugDescription)")
            #expect(Self.raw(out).isEmpty, "\(input.debugDescription): \(Self.raw(out))")
            #expect(TerminalText.escape(out) == out, "escaping twice changes nothing")
            #expect(!TerminalText.isPlain(input))
        }
    }

    @Test("newlines and tabs stay by default, and are named when they may not")
    func newlinesAndTabs() {
        #expect(TerminalText.escape("a\n\tb") == "a\n\tb")
        #expect(TerminalText.escape("a\n\tb", keepNewlines: false, tabs: false) == "a\\n\\tb")
        #expect(TerminalText.isPlain("plain text, ünïcödé, 日本語 → ✓"))
    }

    @Test(
        "emoji sequences keep their joiners, selectors and tags; lone ones are escaped",
        arguments: ["👨‍👩‍👧", "❤️‍🔥", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺️", "👍🏽", "🧑🏻‍💻"])
    func emoji(_ picture: String) {
        #expect(TerminalText.escape("say \(picture)!") == "say \(picture)!")
    }

    @Test func loneEmojiPartsAreEscaped() {
        #expect(TerminalText.escape("😀\u{200D}") == "😀\\u{200D}", "a joiner with nothing to join")
        #expect(TerminalText.escape("a\u{200D}😀") == "a\\u{200D}😀")
        #expect(TerminalText.escape("x😀\u{FE0F}\u{FE0F}") == "x😀\u{FE0F}\\u{FE0F}")
        #expect(TerminalText.escape("\u{E0067}\u{E007F}") == "\\u{E0067}\\u{E007F}", "tags without a flag")
        #expect(TerminalText.escape("🏴\u{E007F}") == "🏴\\u{E007F}", "a cancel tag with no tag before it")
    }

    @Test("escapeJSON writes \\uXXXX escapes and the document parses to the same value")
    func json() throws {
        let value: JSONValue = [
            "k\u{202E}": .string("\u{1B}]0;pwned\u{07} a\u{200B}b \u{85} \u{2028} \u{E0041} 👨‍👩‍👧"), "n": 1,
        ]
        for text in [value.compactJSON, value.prettyJSON] {
            let safe = TerminalText.escapeJSON(text)
            #expect(Self.raw(safe).isEmpty, "\(Self.raw(safe))")
            #expect(try JSONValue(parsing: safe) == value)
            #expect(!safe.contains("\\u{"), "JSON has no \\u{…} escape")
        }
        #expect(TerminalText.escapeJSON(value.compactJSON).contains("\\udb40\\udc41"), "above U+FFFF: a surrogate pair")
    }
}

/// Diagnostics, "did you mean" and exports with hostile ids.
@Suite struct HostileTextDiagnosticsTests {
    @Test("did you mean: an id differing by a zero-width space is shown with it, and said to differ")
    func didYouMeanInvisible() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              "a\\u200bb": { kind: input }
              out: { kind: output }
            wires:
              - ab -> out
            """)
        let d = try #require(diagnostics.first { $0.message.contains("unknown node `ab`") }, "\(diagnostics)")
        let hint = try #require(d.hint).description
        #expect(hint.hasPrefix("did you mean `a\\u{200B}b`? (they differ only in invisible characters"), "\(hint)")
        #expect(TerminalTextTests.raw(d.description).isEmpty)
        #expect(Suggestions.didYouMean("ab", in: ["a\u{200B}b"]) != Suggestions.didYouMean("ab", in: ["ab"]))
    }

    @Test("a diagnostic's description escapes its file, message and hint")
    func diagnosticDescription() {
        let d = Diagnostic(
            .error, "unknown node `x\u{1B}[2J\u{202E}`", hint: "did \u{7}\u{200B}", file: "f\u{1B}]0;t\u{7}\n.yaml",
            location: PatchbayCore.SourceLocation(line: 3, column: 5))
        #expect(
            d.description
                == "f\\x1b]0;t\\x07\\n.yaml:3:5: error: unknown node `x\\x1b[2J\\u{202E}`\n  hint: did \\x07\\u{200B}")
    }

    static func hostileGraph() throws -> Graph {
        try GraphCodec.decode(
            """
            patchbay: 1
            title: "T\\e]0;pwned\\a\\u202e"
            nodes:
              "a\\e[31m\\u200b": { kind: input }
              "o\\\"#<b>&amp;": { kind: output }
            wires:
              - "a\\e[31m\\u200b -> o\\\"#<b>&amp;"
            """, path: "h.graph.yaml"
        ).graph
    }

    @Test("dot export: hostile text as HTML entities inside DOT strings, one line per node and wire")
    func dot() throws {
        let dot = GraphExport.render(try Self.hostileGraph(), as: .dot)
        #expect(TerminalTextTests.raw(dot).isEmpty, "\(TerminalTextTests.raw(dot))")
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == #"digraph "T&#27;]0;pwned&#7;&#8238;" {"#)
        #expect(lines.contains(#"  "a&#27;[31m&#8203;" [label="a&#27;[31m&#8203;\ninput", shape=ellipse];"#), "\(dot)")
        #expect(lines.contains(##"  "o\"#<b>&amp;amp;" [label="o\"#<b>&amp;amp;\noutput", shape=ellipse];"##), "\(dot)")
        #expect(lines.count == 7)
    }

    @Test("mermaid export: hostile text as entity codes inside the label")
    func mermaid() throws {
        let text = GraphExport.render(try Self.hostileGraph(), as: .mermaid)
        #expect(TerminalTextTests.raw(text).isEmpty, "\(TerminalTextTests.raw(text))")
        #expect(text.contains(#"n0(["a#27;[31m#8203;<br/><i>input</i>"])"#), "\(text)")
        #expect(text.contains(#"n1(["o#quot;#35;#60;b#62;#38;amp;<br/><i>output</i>"])"#), "\(text)")
    }
}
