import PatchbayCore
import Yams

/// Reads the YAML of a layout file into a `LayoutSpec`, stopping at the first problem with a
/// message that points at its line.
struct LayoutParser {
    static let topKeys = ["name", "description", "split", "children", "pane", "min_width", "min_height"]
    static let nodeKeys = ["split", "children", "pane", "size"]
    static let paneNames = PaneID.allCases.map(\.rawValue)

    let source: String
    private var seen: [PaneID: Int?] = [:]

    init(source: String) { self.source = source }

    mutating func parse(_ yaml: String) throws(LayoutError) -> LayoutSpec {
        let composed: YAMLComposer.Composed
        do {
            composed = try YAMLComposer(document: "a layout file").compose(yaml)
        } catch {
            throw LayoutError(
                file: source, line: error.location?.line, message: error.message,
                hint: error.hint ?? "check the indentation and the `key: value` pairs")
        }
        guard let root = composed.root else {
            throw LayoutError(
                file: source, line: 1, message: YAMLComposer.emptyMessage(yaml),
                hint: "a layout starts with `name:` and `split: columns` with `children:`, as in layouts/default.yaml")
        }
        if let duplicate = composed.duplicates.first {
            throw LayoutError(
                file: source, line: duplicate.second.line,
                message: "the key `\(duplicate.key)` is given twice (first on line \(duplicate.first.line))",
                hint: "write each key once")
        }
        guard let top = root.mapping else {
            throw fail(
                root.mark, "the top level must be a mapping of keys",
                "start with `name:` and `split:`, as in layouts/default.yaml")
        }
        var name: String?
        var description: String?
        var minWidth = 60
        var minHeight = 16
        for (keyNode, value) in top {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "name": name = try text(value, key: key)
            case "description": description = try text(value, key: key)
            case "min_width": minWidth = try positive(value, key: key)
            case "min_height": minHeight = try positive(value, key: key)
            case _ where Self.nodeKeys.contains(key): break
            default: throw unknownKey(key, at: keyNode.mark, among: Self.topKeys)
            }
        }
        let tree = try node(root, allowed: Self.topKeys)
        let fallback = source.split(separator: "/").last.map { String($0) } ?? source
        let stem =
            fallback.hasSuffix(".yaml")
            ? String(fallback.dropLast(5)) : fallback.hasSuffix(".yml") ? String(fallback.dropLast(4)) : fallback
        return LayoutSpec(
            name: name ?? stem, description: description, root: tree, minWidth: minWidth, minHeight: minHeight)
    }

    // MARK: Nodes

    private mutating func node(_ yaml: Yams.Node, allowed: [String]) throws(LayoutError) -> LayoutNode {
        guard let mapping = yaml.mapping else {
            throw fail(
                yaml.mark, "a child must be a mapping with `pane:` or `split:`",
                "write `- pane: graph`, or `- split: rows` with `children:`")
        }
        var pane: (Yams.Node, Yams.Node)?
        var split: Yams.Node?
        var children: Yams.Node?
        var size: LayoutSize?
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "pane": pane = (keyNode, value)
            case "split": split = value
            case "children": children = value
            case "size": size = try self.size(value)
            default: if !allowed.contains(key) { throw unknownKey(key, at: keyNode.mark, among: allowed) }
            }
        }
        if let (keyNode, value) = pane {
            if split != nil || children != nil {
                throw fail(
                    keyNode.mark, "a child is either a pane or a split, not both",
                    "move the pane into the split's `children:`")
            }
            return .pane(try paneID(value), size: size)
        }
        guard let split else {
            throw fail(
                yaml.mark, "this entry has neither `pane:` nor `split:`",
                "write `pane: NAME` (one of \(Self.paneNames.joined(separator: ", "))) or `split: columns`/`rows`")
        }
        let axisName = split.scalar?.string ?? ""
        guard let axis = LayoutAxis(rawValue: axisName) else {
            throw fail(
                split.mark, "`split` must be `columns` or `rows`, not `\(axisName)`",
                "`columns` puts children side by side, `rows` stacks them")
        }
        guard let list = children?.sequence, !list.isEmpty else {
            throw fail(
                children?.mark ?? split.mark, "this split has no children",
                "list at least one `- pane: NAME` under `children:`")
        }
        var nodes: [LayoutNode] = []
        for child in list { nodes.append(try node(child, allowed: Self.nodeKeys)) }
        return .split(axis, children: nodes, size: size)
    }

    private mutating func paneID(_ value: Yams.Node) throws(LayoutError) -> PaneID {
        let name = value.scalar?.string ?? ""
        guard let id = PaneID(rawValue: name) else {
            let suggestion = LayoutError.closest(to: name, in: Self.paneNames).map { "did you mean `\($0)`? " } ?? ""
            throw fail(
                value.mark, "unknown pane `\(name)`",
                "\(suggestion)the panes are \(Self.paneNames.joined(separator: ", "))")
        }
        if let first = seen[id] {
            let at = first.map { " (first on line \($0))" } ?? ""
            throw fail(
                value.mark, "pane `\(name)` is used twice\(at)", "each pane appears once in a layout; remove one")
        }
        seen[id] = value.mark?.line
        return id
    }

    private func size(_ value: Yams.Node) throws(LayoutError) -> LayoutSize {
        let text = value.scalar?.string ?? ""
        let hint =
            "write a percent of the parent like `40%` (1–100) or a number of cells like `30`; leave it out to share the rest"
        if text.hasSuffix("%") {
            guard let percent = Int(text.dropLast()), (1...100).contains(percent) else {
                throw fail(value.mark, "bad size `\(text)`", hint)
            }
            return .percent(percent)
        }
        guard let cells = Int(text), cells > 0 else { throw fail(value.mark, "bad size `\(text)`", hint) }
        return .cells(cells)
    }

    // MARK: Scalars

    private func text(_ value: Yams.Node, key: String) throws(LayoutError) -> String {
        guard let scalar = value.scalar else {
            throw fail(value.mark, "`\(key)` must be text", "write it on one line after `\(key):`")
        }
        return scalar.string
    }

    private func positive(_ value: Yams.Node, key: String) throws(LayoutError) -> Int {
        guard let n = value.scalar.flatMap({ Int($0.string) }), n > 0 else {
            throw fail(
                value.mark, "`\(key)` must be a number of cells",
                "write a whole number like `\(key == "min_width" ? 60 : 16)`")
        }
        return n
    }

    // MARK: Errors

    private func unknownKey(_ key: String, at mark: Mark?, among keys: [String]) -> LayoutError {
        let suggestion = LayoutError.closest(to: key, in: keys).map { "did you mean `\($0)`? " } ?? ""
        return fail(mark, "unknown key `\(key)`", "\(suggestion)the keys here are \(keys.joined(separator: ", "))")
    }

    private func fail(_ mark: Mark?, _ message: String, _ hint: String) -> LayoutError {
        LayoutError(file: source, line: mark?.line, message: message, hint: hint)
    }
}
