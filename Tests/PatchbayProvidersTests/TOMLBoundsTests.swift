import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// Config TOML that TOMLKit can't read safely is refused before it tries, located; ordinary
/// dots (in strings, comments, floats, model names) are not mistaken for key parts.
@Suite struct TOMLBoundsTests {
    func violation(_ text: String) -> TOMLBounds.Violation? {
        do {
            try TOMLBounds.check(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func deepDottedKeysAndHeadersAreRefusedLocated() throws {
        let key = try #require(violation("# a.b.c\nx = 1\n" + "a" + String(repeating: ".a", count: 100_000) + " = 1\n"))
        #expect((key.line, key.column) == (3, 128))
        #expect(key.message == "a dotted key or table name has more than 64 parts")
        let header = try #require(violation("[ui]\n  [[a" + String(repeating: " . 'a'", count: 70) + "]]\n"))
        #expect(header.line == 2)
        let inline = try #require(violation("m = { " + (0..<70).map { "k\($0)" }.joined(separator: ".") + " = 1 }\n"))
        #expect(inline.line == 1)
    }

    @Test func deepArraysAndInlineTablesAreRefusedLocated() throws {
        let arrays = try #require(
            violation(
                "a = [\n" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "]\n"))
        #expect((arrays.line, arrays.column) == (2, 64))
        #expect(arrays.message == "arrays and inline tables nest more than 64 deep here")
        let tables = try #require(
            violation("a = " + String(repeating: "{ b = ", count: 100) + "1" + String(repeating: " }", count: 100)))
        #expect(tables.line == 1)
    }

    @Test func ordinaryDotsAndBracketsPass() {
        let text = """
            # models.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k
            [models.default]
            provider = "openai" # [[[[ not brackets ]]]]
            model = "gpt-4o.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3.4.5"
            temperature = 0.5
            timeouts = { connect = 1.5, total = 2.5 }
            note = '''
            a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l
            [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
            '''
            values = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5, 28.5, 29.5, 30.5, 31.5, 32.5, 33.5, 34.5, 35.5, 36.5, 37.5, 38.5, 39.5, 40.5, 41.5, 42.5, 43.5, 44.5, 45.5, 46.5, 47.5, 48.5, 49.5, 50.5, 51.5, 52.5, 53.5, 54.5, 55.5, 56.5, 57.5, 58.5, 59.5, 60.5, 61.5, 62.5, 63.5, 64.5, 65.5]
            [[prices.list]]
            "a.b" = 1

            """
        #expect(violation(text) == nil)
    }

    /// Before: the line index copied each line into Characters (a 50 MB value: about a minute
    /// and 1.8 GB); now it reads bytes.
    @Test func aLongValueIsIndexedQuickly() {
        let text = "[ui]\ntheme = \"" + String(repeating: "a", count: 20_000_000) + "\"\nmouse = true\n"
        let start = ContinuousClock.now
        #expect(violation(text) == nil)
        let index = TOMLLineIndex(text: text)
        let elapsed = ContinuousClock.now - start
        print("a 20 MB TOML value scanned and indexed in \(elapsed)")
        #expect(index.line(of: ["ui", "mouse"]) == 3)
        #expect(elapsed < .seconds(10))
    }
}
