import Foundation

extension PromptTemplate {
    /// How deep sections (`{{#…}}`, `{{^…}}`, and inheritance blocks) may nest. swift-mustache
    /// parses and renders a section by recursion: 20,000 nested sections crashed `validate`.
    public static let maxSectionDepth = 100

    /// Where the template opens its first section deeper than `maxSectionDepth` (1-based line and
    /// column in the template), found by a scan that follows `{{=<% %>=}}` delimiter changes.
    static func tooDeepSection(in text: String) -> (line: Int, column: Int)? {
        var open = "{{"
        var close = "}}"
        var depth = 0
        var rest = text[...]
        while let start = rest.range(of: open) {
            let afterOpen = rest[start.upperBound...]
            guard let end = afterOpen.range(of: close) else { return nil }
            let tag = afterOpen[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = afterOpen[end.upperBound...]
            if tag.count >= 2, tag.hasPrefix("="), tag.hasSuffix("=") {
                let parts = tag.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if parts.count == 2 { (open, close) = (String(parts[0]), String(parts[1])) }
            } else if let first = tag.first, "#^$<".contains(first) {
                depth += 1
                if depth > maxSectionDepth {
                    let before = text[..<start.lowerBound]
                    let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                    let column =
                        before.count
                        - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
                        + 1
                    return (line, column)
                }
            } else if tag.hasPrefix("/") {
                depth = max(0, depth - 1)
            }
        }
        return nil
    }

    static var tooDeepMessage: String { "sections nest more than \(maxSectionDepth) deep" }
    static let tooDeepHint = "flatten the template: prepare nested data with a jq node and use fewer nested sections"
}
