import Foundation

/// Finds the `{{placeholders}}` of a Mustache template that become input ports.
///
/// Ports are the top-level names: plain variables and section names outside any section
/// (`{{doc.title}}` makes port `doc`). Names inside a section resolve against the section's
/// item first, so they are not ports. Comments, partials and pragmas are ignored.
public enum TemplatePlaceholders {
    public struct Reference: Sendable, Hashable {
        /// The port name (first segment of the dotted path).
        public var port: String
        /// The whole dotted path, e.g. `doc.title`.
        public var path: [String]
        /// Offset of the tag in the template's characters (for highlighting).
        public var offset: Int
    }

    /// Port names in order of first use, without repeats.
    public static func ports(in template: String) -> [String] {
        var seen = Set<String>()
        return references(in: template).compactMap { seen.insert($0.port).inserted ? $0.port : nil }
    }

    /// Every top-level reference, in order.
    public static func references(in template: String) -> [Reference] {
        var result: [Reference] = []
        var depth = 0
        let chars = Array(template)
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else {
                i += 1
                continue
            }
            let triple = i + 2 < chars.count && chars[i + 2] == "{"
            let open = i + (triple ? 3 : 2)
            guard let close = closing(chars, from: open) else { break }
            var tag = String(chars[open..<close]).trimmingCharacters(in: .whitespaces)
            let tagStart = i
            i = close + 2 + (triple && close + 2 < chars.count && chars[close + 2] == "}" ? 1 : 0)
            guard let sigil = tag.first else { continue }
            switch sigil {
            case "!", ">", "%", "=", "<", "$":
                continue
            case "#", "^":
                tag.removeFirst()
                if depth == 0, let ref = reference(tag, offset: tagStart) { result.append(ref) }
                depth += 1
            case "/":
                depth = max(0, depth - 1)
            case "&":
                tag.removeFirst()
                if depth == 0, let ref = reference(tag, offset: tagStart) { result.append(ref) }
            default:
                if depth == 0, let ref = reference(tag, offset: tagStart) { result.append(ref) }
            }
        }
        return result
    }

    private static func reference(_ raw: String, offset: Int) -> Reference? {
        var name = raw.trimmingCharacters(in: .whitespaces)
        // swift-mustache transforms: `{{ uppercased(name) }}`
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
        guard !name.isEmpty, name != "." else { return nil }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = path.first, !first.isEmpty else { return nil }
        return Reference(port: first, path: path, offset: offset)
    }

    /// Index of the next `}}` at or after `from`.
    private static func closing(_ chars: [Character], from: Int) -> Int? {
        var j = from
        while j + 1 < chars.count {
            if chars[j] == "}" && chars[j + 1] == "}" { return j }
            j += 1
        }
        return nil
    }
}
