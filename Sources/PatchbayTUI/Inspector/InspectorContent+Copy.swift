import Foundation
import PatchbayCore

/// What `y` copies from the inspector: the value under the cursor, or the section it is in.
extension InspectorContent {
    /// The text to copy with the cursor on `lines[cursor]` (the lines `InspectorView.lines`
    /// made of this content) and what it is (a value's path, a section's title). A value line
    /// gives that value (a container, or the text of a string, as written); a heading, prose (an
    /// error, streamed text) or a tool call gives its section; the header gives the error, else
    /// the outputs.
    public func copyable(at cursor: Int, of lines: [InspectorLine]) -> (text: String, what: String)? {
        guard lines.indices.contains(cursor) else { return nil }
        if let path = lines[cursor].valuePath, let value = value(at: path) {
            return (Self.copyText(value), path)
        }
        let sectionLines = lines[...cursor]
        guard let heading = sectionLines.lastIndex(where: \.isHeading), let id = lines[heading].foldID,
            let section = section(id)
        else {
            // The header: what the step came to.
            guard let section = section("error") ?? section("outputs"), let text = Self.copyText(section) else {
                return nil
            }
            return (text, section.title.lowercased())
        }
        if let text = Self.copyText(section) { return (text, section.title.lowercased()) }
        // A conversation: the section as shown, less the pane's indent. A note has nothing.
        guard section.blocks.contains(where: { if case .conversation = $0 { true } else { false } }) else { return nil }
        let end = lines[(heading + 1)...].firstIndex(where: \.isHeading) ?? lines.endIndex
        let shown = lines[(heading + 1)..<end].map { $0.text.trimmingTrailingSpaces() }
        let indent = shown.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let text = shown.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
        return text.isEmpty ? nil : (text, section.title.lowercased())
    }

    /// The value a line's `valuePath` names: a section's member, or something inside one.
    public func value(at path: String) -> JSONValue? {
        for section in sections where path.hasPrefix(section.id) {
            for case .values(let members) in section.blocks {
                for (name, value) in members {
                    if let found = Self.find(path, in: value, at: JSONLines.childPath(section.id, key: name)) {
                        return found
                    }
                }
            }
        }
        return nil
    }

    /// Paths are made by `JSONLines.childPath`, so they are matched by making them again.
    private static func find(_ target: String, in value: JSONValue, at path: String) -> JSONValue? {
        if path == target { return value }
        guard target.hasPrefix(path) else { return nil }
        switch value {
        case .object(let members):
            for (key, child) in members {
                if let found = find(target, in: child, at: JSONLines.childPath(path, key: key)) { return found }
            }
        case .array(let items):
            for (index, child) in items.enumerated() {
                if let found = find(target, in: child, at: JSONLines.childPath(path, index: index)) { return found }
            }
        default: break
        }
        return nil
    }

    /// A string as its text, anything else as JSON (pretty when it has members).
    public static func copyText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .object, .array: value.prettyJSON
        default: value.compactJSON
        }
    }

    /// A section's values and prose as text; nil when it has neither (a note, a conversation).
    static func copyText(_ section: Section) -> String? {
        let parts: [String] = section.blocks.compactMap { block in
            switch block {
            case .values(let members): JSONValue.object(members).prettyJSON
            case .text(let text, _): text
            case .hint(let text): "hint: " + text
            case .problem(_, let message, let hint): message + (hint.map { "\nhint: " + $0 } ?? "")
            case .note, .conversation: nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
