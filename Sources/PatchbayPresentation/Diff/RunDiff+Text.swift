import PatchbayCore
import PatchbayStore

extension RunDiff {
    /// The diff as text, one line each: `A …`/`B …` (from `label`, which each front end writes its
    /// own way), the graph, inputs, steps with their changed ports, outputs.
    public func lines(label: (StoredRun) -> String) -> [String] {
        var out = ["A \(label(a))", "B \(label(b))"]
        if let graph {
            out.append("graph: changed (sha256 \(a.summary.graphHash.prefix(8)) → \(b.summary.graphHash.prefix(8)))")
            out += graph.lines.map { "  " + $0 }
        } else {
            out.append("graph: same")
        }
        if !inputs.isEmpty {
            out.append("inputs:")
            for change in inputs { out += Self.lines(change).map { "  " + $0 } }
        }
        let differing = steps.count
        out.append(differing == 0 ? "steps: all \(same) the same" : "steps: \(differing) differ, \(same) the same")
        for change in steps {
            let path = TerminalText.escape(change.path, keepNewlines: false)
            switch change.change {
            case .added: out.append("  + \(path)  only in B (\(change.statusB?.rawValue ?? ""))")
            case .removed: out.append("  - \(path)  only in A (\(change.statusA?.rawValue ?? ""))")
            case .status:
                out.append("  ! \(path)  \(change.statusA?.rawValue ?? "") → \(change.statusB?.rawValue ?? "")")
            case .outputs: out.append("  ~ \(path)  outputs differ")
            }
            for port in change.ports { out += Self.lines(port).map { "      " + $0 } }
        }
        if !outputs.isEmpty {
            out.append("outputs:")
            for change in outputs { out += Self.lines(change).map { "  " + $0 } }
        }
        return out
    }

    /// One value that differs, as the workbench's compare pane shows it (`ValueDiff.detail`):
    /// a word diff of two texts, git's `--word-diff=plain` way (`[-removed-]{+added+}`), of the
    /// lines that changed (as the line diff listed only those), at most `ValueDiff.maxLines`.
    static func lines(_ change: ValueChange) -> [String] {
        let name = TerminalText.escape(change.name, keepNewlines: false) + ":"
        switch ValueDiff.detail(change) {
        case .words(let words):
            let changed = words.filter { $0.contains { if case .same = $0 { false } else { true } } }
            let escaped = changed.map { $0.map(Self.escaped) }
            return [name] + ValueDiff.limited(WordDiff.plain(escaped)).map { "  " + $0 }
        case .keys(let keys): return [name] + ValueDiff.limited(keys).map { "  " + $0 }
        case .lines(let lines): return lines
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
