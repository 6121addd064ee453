import Foundation
import PatchbayCore

/// How one value changed, in a few lines: a line diff for text, changed keys for objects. Text is
/// escaped for a terminal (`TerminalText.escape`), so any front end can show the lines as they are.
public enum ValueDiff {
    static let maxLines = 12

    public static func lines(_ name: String, _ a: JSONValue?, _ b: JSONValue?) -> [String] {
        switch (a, b) {
        case (nil, let y?): return ["\(name): (none) → \(short(y))"]
        case (let x?, nil): return ["\(name): \(short(x)) → (none)"]
        case (.string(let x)?, .string(let y)?):
            if !x.contains("\n"), !y.contains("\n") { return ["\(name): \(short(.string(x))) → \(short(.string(y)))"] }
            return ["\(name):"] + limited(lineDiff(x, y)).map { "  " + $0 }
        case (.object(let x)?, .object(let y)?):
            return ["\(name):"] + limited(keyDiff(x, y, prefix: "")).map { "  " + $0 }
        case (let x?, let y?): return ["\(name): \(short(x)) → \(short(y))"]
        default: return []
        }
    }

    public static func lines(_ change: ValueChange) -> [String] { lines(change.name, change.a, change.b) }

    static func short(_ value: JSONValue) -> String {
        let text = TerminalText.escape(value.compactJSON, keepNewlines: false)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }

    static func limited(_ lines: [String]) -> [String] {
        lines.count <= maxLines ? lines : Array(lines.prefix(maxLines)) + ["… \(lines.count - maxLines) more"]
    }

    /// Changed keys, recursively: `~ .a.b: 1 → 2`, `+ .c: …`, `- .d: …` (all of them, where
    /// `lines` shows the first few).
    public static func keyDiff(_ x: [String: JSONValue], _ y: [String: JSONValue], prefix: String = "") -> [String] {
        var out: [String] = []
        for key in Set(x.keys).union(y.keys).sorted() {
            let path = prefix + "." + TerminalText.escape(key, keepNewlines: false)
            switch (x[key], y[key]) {
            case (nil, let v?): out.append("+ \(path): \(short(v))")
            case (let v?, nil): out.append("- \(path): \(short(v))")
            case (.object(let p)?, .object(let q)?) where p != q: out += keyDiff(p, q, prefix: path)
            case (let p?, let q?) where p != q: out.append("~ \(path): \(short(p)) → \(short(q))")
            default: break
            }
        }
        return out
    }

    /// Lines only in A (`- `) and only in B (`+ `), in order (`LineDiff`).
    static func lineDiff(_ x: String, _ y: String) -> [String] {
        guard let lines = LineDiff.lines(x, y) else { return [LineDiff.sizes(x, y)] }
        return lines.compactMap { line in
            switch line {
            case .same: nil
            case .removed(let text): "- " + TerminalText.escape(text, keepNewlines: false)
            case .added(let text): "+ " + TerminalText.escape(text, keepNewlines: false)
            }
        }
    }
}
