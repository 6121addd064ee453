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
            for change in inputs { out += ValueDiff.lines(change).map { "  " + $0 } }
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
            for port in change.ports { out += ValueDiff.lines(port).map { "      " + $0 } }
        }
        if !outputs.isEmpty {
            out.append("outputs:")
            for change in outputs { out += ValueDiff.lines(change).map { "  " + $0 } }
        }
        return out
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
