import PatchbayCore
import PatchbayStore

extension RunDiff {
    /// The diff as text, one line each: `A …`/`B …` (from `label`, which each front end writes its
    /// own way), the graph, inputs, steps with their changed ports, outputs. Word diffs are
    /// written git's `--word-diff=plain` way (`[-removed-]{+added+}`).
    public func lines(label: (StoredRun) -> String) -> [String] {
        parts(label: label).map { WordDiff.plain([$0]).first ?? "" }
    }

    /// `lines` as parts kept, removed and added (escaped), for a front end that colours the
    /// word diffs; every line but a word diff's is one part kept.
    public func parts(label: (StoredRun) -> String) -> [[LineDiff.Line]] {
        var out: [[LineDiff.Line]] = [[.same("A \(label(a))")], [.same("B \(label(b))")]]
        func add(_ line: String) { out.append([.same(line)]) }
        func add(_ change: ValueChange, indent: String) { out += Self.detail(change).map { [.same(indent)] + $0 } }
        if let graph {
            add("graph: changed (sha256 \(a.summary.graphHash.prefix(8)) → \(b.summary.graphHash.prefix(8)))")
            for line in graph.lines { add("  " + line) }
        } else {
            add("graph: same")
        }
        if !inputs.isEmpty {
            add("inputs:")
            for change in inputs { add(change, indent: "  ") }
        }
        let differing = steps.count
        add(differing == 0 ? "steps: all \(same) the same" : "steps: \(differing) differ, \(same) the same")
        for change in steps {
            let path = TerminalText.escape(change.path, keepNewlines: false)
            switch change.change {
            case .added: add("  + \(path)  only in B (\(change.statusB?.rawValue ?? ""))")
            case .removed: add("  - \(path)  only in A (\(change.statusA?.rawValue ?? ""))")
            case .status:
                add("  ! \(path)  \(change.statusA?.rawValue ?? "") → \(change.statusB?.rawValue ?? "")")
            case .outputs: add("  ~ \(path)  outputs differ")
            }
            for port in change.ports { add(port, indent: "      ") }
        }
        if !outputs.isEmpty {
            add("outputs:")
            for change in outputs { add(change, indent: "  ") }
        }
        return out
    }

    /// One value that differs, as the workbench's compare pane shows it (`ValueDiff.detail`):
    /// a word diff of two texts, of the lines that changed (as the line diff listed only those),
    /// at most `ValueDiff.maxLines`, each part escaped.
    static func detail(_ change: ValueChange) -> [[LineDiff.Line]] {
        let name: LineDiff.Line = .same(TerminalText.escape(change.name, keepNewlines: false) + ":")
        switch ValueDiff.detail(change) {
        case .words(let words):
            let changed = words.filter { $0.contains { if case .same = $0 { false } else { true } } }
            let shown =
                changed.count <= ValueDiff.maxLines
                ? changed
                : changed.prefix(ValueDiff.maxLines) + [[.same("… \(changed.count - ValueDiff.maxLines) more")]]
            return [[name]] + shown.map { [.same("  ")] + $0.map(Self.escaped) }
        case .keys(let keys): return [[name]] + ValueDiff.limited(keys).map { [.same("  " + $0)] }
        case .lines(let lines): return lines.map { [.same($0)] }
        }
    }

    static func escaped(_ part: LineDiff.Line) -> LineDiff.Line {
        switch part {
        case .same(let text): .same(TerminalText.escape(text, keepNewlines: false))
        case .removed(let text): .removed(TerminalText.escape(text, keepNewlines: false))
        case .added(let text): .added(TerminalText.escape(text, keepNewlines: false))
        }
    }

    /// For `diff-runs --json`: run ids, `graph`, `inputs` and `outputs` (name → {a, b}), `steps`,
    /// `same_steps`.
    public var json: JSONValue {
        func values(_ list: [ValueChange]) -> JSONValue {
            .object(
                Dictionary(
                    uniqueKeysWithValues: list.map { ($0.name, ["a": $0.a ?? .null, "b": $0.b ?? .null] as JSONValue) })
            )
        }
        let stepList: [JSONValue] = steps.map { change in
            var o: [String: JSONValue] = ["path": .string(change.path), "change": .string(change.change.rawValue)]
            if let s = change.statusA { o["status_a"] = .string(s.rawValue) }
            if let s = change.statusB { o["status_b"] = .string(s.rawValue) }
            if !change.ports.isEmpty { o["ports"] = values(change.ports) }
            return .object(o)
        }
        return [
            "a": .string(a.id), "b": .string(b.id), "graph": graph?.json ?? ["changed": false],
            "inputs": values(inputs), "outputs": values(outputs), "steps": .array(stepList),
            "same_steps": .number(Double(same)),
        ]
    }
}
