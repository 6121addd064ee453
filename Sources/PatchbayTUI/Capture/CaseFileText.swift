import Foundation
import PatchbayCore

/// Appends a case to a YAML cases file's text without reformatting it: the new item goes after
/// the last line of the `cases:` list, indented as its items are, so comments, order and style
/// stay as the person wrote them.
enum CaseFileText {
    struct Refusal: Error, Equatable {
        var message: String
    }

    /// The text with the case appended, and the case's id (`captured-N`, N one more than any
    /// `captured-N` the file holds). `existing` nil: a new file with a `cases:` list.
    static func appending(
        _ draft: CaseDraft, expected: JSONValue?, to existing: String?
    ) throws(Refusal) -> (text: String, id: String) {
        let text = existing ?? ""
        let id = "captured-\(nextNumber(in: text))"
        var fields = ["id: \(id)", "inputs: \(JSONValue.object(draft.inputs).compactJSON)"]
        if let expected, let output = draft.output {
            fields.append("expect: { output: \(output), equals: \(expected.compactJSON) }")
        }
        let item = "- { " + fields.joined(separator: ", ") + " }"
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("cases:") }) else {
            // No list yet: one at the end (after any `checks:` or `judge:`).
            lines += ["cases:", "  " + item]
            return (lines.joined(separator: "\n") + "\n", id)
        }
        let rest = lines[start].dropFirst("cases:".count).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest.hasPrefix("#") else {
            throw Refusal(message: "the file's `cases:` list is written inline; add the case by hand")
        }
        // The list runs until the next top-level key; the item goes after its last line.
        var last = start
        var indent: String?
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                if !line.hasPrefix(" ") && !line.hasPrefix("-") { break }
                last = index
                if indent == nil, trimmed.hasPrefix("-") { indent = String(line.prefix { $0 == " " }) }
            }
            index += 1
        }
        lines.insert((indent ?? "  ") + item, at: last + 1)
        return (lines.joined(separator: "\n") + "\n", id)
    }

    static func nextNumber(in text: String) -> Int {
        var highest = 0
        var rest = Substring(text)
        while let range = rest.range(of: "captured-") {
            rest = rest[range.upperBound...]
            if let n = Int(rest.prefix { $0.isNumber }) { highest = max(highest, n) }
        }
        return highest + 1
    }
}
