import Foundation

/// Finds the `{{placeholders}}` of a Mustache template that become input ports.
///
/// Ports are the top-level names: plain variables and section names outside any section
/// (`{{doc.title}}` makes port `doc`). Names inside a section resolve against the section's
/// item first, so they are not ports. Comments, partials and pragmas are ignored; tags are
/// found by `MustacheTokenizer`.
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
        for tag in MustacheTokenizer.tags(in: template) {
            if tag.kind == .close {
                depth = max(0, depth - 1)
                continue
            }
            if depth == 0, tag.kind != .block, let path = tag.path {
                result.append(Reference(port: path[0], path: path, offset: tag.range.lowerBound))
            }
            if tag.opensSection { depth += 1 }
        }
        return result
    }
}
