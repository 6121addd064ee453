import Yams

/// The place in the graph file of a jq compile error's position in the program.
extension JqUse {
    /// `file:line:column` of the character jq stopped at, when the program stands in the file
    /// as written: a one-line plain or quoted scalar, or a literal block (`|`), checked against
    /// the file's text. Nil otherwise (escapes, folding), and the program's own line and column
    /// in the message are all there is.
    func spot(of error: JqError, in documents: [GraphDocument]) -> SourceLocation? {
        guard let position = error.position, let document = documents.first(where: { $0.path == file }),
            let node = document.graph[self.node]
        else { return nil }
        // The field holding this program: matched by its text, which is what was compiled.
        var found: ValueLocator.Found?
        for field in ["jq", "until"] where node.fields[field]?.stringValue == program {
            found = ValueLocator.find(document, node: node.id, field: field)
        }
        if found == nil, let cases = node.fields["cases"]?.arrayValue,
            let index = cases.firstIndex(where: { $0["when"]?.stringValue == program })
        {
            found = ValueLocator.find(document, node: node.id, field: "cases", path: [.index(index), .key("when")])
        }
        guard let found, let style = found.style, let lines = ValueLocator.lines(document) else { return nil }
        let programLines = program.split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= programLines.count else { return nil }
        let wanted = programLines[position.line - 1]

        /// The file's line `line` holds `wanted` from 1-based `column` on.
        func holds(_ line: Int, at column: Int) -> Bool {
            guard line >= 1, line <= lines.count, column >= 1 else { return false }
            let text = lines[line - 1].unicodeScalars
            guard text.count >= column - 1 + wanted.unicodeScalars.count else { return false }
            return text.dropFirst(column - 1).starts(with: wanted.unicodeScalars)
        }
        switch style {
        case .plain, .singleQuoted, .doubleQuoted:
            guard programLines.count == 1 else { return nil }
            let start = found.value.column + (style == .plain ? 0 : 1)
            guard holds(found.value.line, at: start) else { return nil }
            return SourceLocation(line: found.value.line, column: start + position.column - 1)
        case .literal:
            // The mark is at `|`; the block's lines follow, each indented alike.
            let line = found.value.line + position.line
            guard line <= lines.count else { return nil }
            let text = lines[line - 1].unicodeScalars
            let indent = text.prefix { $0 == " " }.count
            guard holds(line, at: indent + 1) else { return nil }
            return SourceLocation(line: line, column: indent + position.column)
        default:
            return nil
        }
    }
}
