import Foundation

extension PromptTemplate {
    /// How deep sections (`{{#…}}`, `{{^…}}`, and inheritance blocks) may nest. swift-mustache
    /// parses and renders a section by recursion: 20,000 nested sections crashed `validate`.
    public static let maxSectionDepth = 100

    /// Where the template opens its first section deeper than `maxSectionDepth` (1-based line and
    /// column in the template).
    static func tooDeepSection(in text: String) -> (line: Int, column: Int)? {
        let chars = Array(text)
        var depth = 0
        for tag in MustacheTokenizer.tags(in: text) {
            if tag.opensSection {
                depth += 1
                guard depth > maxSectionDepth else { continue }
                let before = chars[..<tag.range.lowerBound]
                let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
                return (line, tag.range.lowerBound - lineStart + 1)
            } else if tag.kind == .close {
                depth = max(0, depth - 1)
            }
        }
        return nil
    }

    static var tooDeepMessage: String { "sections nest more than \(maxSectionDepth) deep" }
    static let tooDeepHint = "flatten the template: prepare nested data with a jq node and use fewer nested sections"
}
